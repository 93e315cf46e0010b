-- Posts' plain text, kept by the database beside their HTML for the exports: the contributions CSV is
-- written by COPY (server/exports/csv-copy.ts), and converting 100,000 bodies at export time costs more
-- than the rest of the copy. The function is htmlToText (server/exports/text.ts) written again, rule by
-- rule and in the same order; test/exports/body-text.test.ts holds the two to the same text on both
-- databases. Hand-written like the search columns: Prisma cannot express generated columns, and the
-- column is not declared in schema.prisma (only the exports' SQL reads it).
CREATE FUNCTION "roundtable_html_to_text"(html text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
  s text;
  rest text;
  done text := '';
  m text;
  e text;
  at int;
  code int;
  decoded text;
BEGIN
  -- Line breaks and the ends of blocks become new lines, then every tag goes (JavaScript's \s spelt out).
  s := regexp_replace(html, '<[ \t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]*[bB][rR][ \t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]*/?>', E'\n', 'g');
  s := regexp_replace(s, '</([pP]|[lL][iI]|[hH][1-6]|[bB][lL][oO][cC][kK][qQ][uU][oO][tT][eE]|[pP][rR][eE]|[tT][rR])>', E'\n', 'g');
  IF strpos(s, '<') > 0 THEN
    s := regexp_replace(s, '<[^>]*>', '', 'g');
  END IF;
  -- Character references in one pass from left to right (what one decodes is never read again).
  IF strpos(s, '&') > 0 THEN
    rest := s;
    LOOP
      at := regexp_instr(rest, '&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);');
      EXIT WHEN at = 0;
      m := regexp_substr(rest, '&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);');
      e := substr(m, 2, length(m) - 2);
      decoded := m;
      IF left(e, 1) = '#' THEN
        IF substr(e, 2, 1) IN ('x', 'X') THEN
          e := ltrim(substr(e, 3), '0');
          -- More than six significant hex digits is past U+10FFFF: left as written.
          code := CASE WHEN length(e) <= 6 THEN ('x' || lpad(e, 8, '0'))::bit(32)::int END;
        ELSE
          e := ltrim(substr(e, 2), '0');
          code := CASE WHEN length(e) <= 7 THEN coalesce(nullif(e, '')::int, 0) END;
        END IF;
        IF code BETWEEN 1 AND 1114111 THEN
          -- A surrogate is no character: the replacement character, as a browser shows it.
          decoded := CASE WHEN code BETWEEN 55296 AND 57343 THEN chr(65533) ELSE chr(code) END;
        END IF;
      ELSE
        decoded := CASE lower(e) WHEN 'amp' THEN '&' WHEN 'lt' THEN '<' WHEN 'gt' THEN '>' WHEN 'quot' THEN '"'
          WHEN 'apos' THEN '''' WHEN 'nbsp' THEN ' ' ELSE m END;
      END IF;
      done := done || left(rest, at - 1) || decoded;
      rest := substr(rest, at + length(m));
    END LOOP;
    s := done || rest;
  END IF;
  IF strpos(s, E' \n') > 0 OR strpos(s, E'\t\n') > 0 THEN
    s := regexp_replace(s, E'[ \t]+\n', E'\n', 'g');
  END IF;
  IF strpos(s, E'\n\n\n') > 0 THEN
    s := regexp_replace(s, E'\n{3,}', E'\n\n', 'g');
  END IF;
  -- String.prototype.trim's white space and line terminators.
  RETURN btrim(s, E' \t\n\u000b\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff');
END
$fn$;

ALTER TABLE "posts" ADD COLUMN "body_text" text GENERATED ALWAYS AS ("roundtable_html_to_text"("body_html")) STORED;
