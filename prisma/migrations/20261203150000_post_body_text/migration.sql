-- Posts' plain text, kept by the database beside their HTML for the exports: the contributions CSV is
-- written by COPY (server/exports/csv-copy.ts), and converting 100,000 bodies at export time costs more
-- than the rest of the copy. The function is htmlToText (server/exports/text.ts) written again, rule by
-- rule and in the same order; test/exports/csv-copy.test.ts holds the two to the same text on both
-- databases. Stored values are computed when a row is written: a later change of the rules needs a
-- migration that replaces the functions and recomputes the column (drops and adds it again).
-- Hand-written like the search columns: Prisma cannot express generated columns, and the column is not
-- declared in schema.prisma (only the exports' SQL reads it).

-- One character reference, as htmlToText's replacer decodes it ("#x41", "#65", "amp"); left as written
-- when it names no character.
CREATE FUNCTION "roundtable_char_ref"(e text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
  digits text;
  code int;
BEGIN
  IF left(e, 1) = '#' THEN
    IF substr(e, 2, 1) IN ('x', 'X') THEN
      digits := ltrim(substr(e, 3), '0');
      -- More than six significant hex digits is past U+10FFFF: left as written.
      code := CASE WHEN length(digits) <= 6 THEN ('x' || lpad(digits, 8, '0'))::bit(32)::int END;
    ELSE
      digits := ltrim(substr(e, 2), '0');
      code := CASE WHEN length(digits) <= 7 THEN coalesce(nullif(digits, '')::int, 0) END;
    END IF;
    IF code BETWEEN 1 AND 1114111 THEN
      -- A surrogate is no character: the replacement character, as a browser shows it.
      RETURN CASE WHEN code BETWEEN 55296 AND 57343 THEN chr(65533) ELSE chr(code) END;
    END IF;
    RETURN '&' || e || ';';
  END IF;
  RETURN CASE lower(e) WHEN 'amp' THEN '&' WHEN 'lt' THEN '<' WHEN 'gt' THEN '>' WHEN 'quot' THEN '"'
    WHEN 'apos' THEN '''' WHEN 'nbsp' THEN ' ' ELSE '&' || e || ';' END;
END
$fn$;

-- The patterns are E'' strings: they read the same whatever standard_conforming_strings says.
CREATE FUNCTION "roundtable_html_to_text"(html text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
  s text;
BEGIN
  -- Line breaks and the ends of blocks become new lines, then every tag goes (JavaScript's \s spelt out).
  s := regexp_replace(html, E'<[ \\t\\n\\v\\f\\r\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]*[bB][rR][ \\t\\n\\v\\f\\r\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]*/?>', E'\n', 'g');
  s := regexp_replace(s, E'</([pP]|[lL][iI]|[hH][1-6]|[bB][lL][oO][cC][kK][qQ][uU][oO][tT][eE]|[pP][rR][eE]|[tT][rR])>', E'\n', 'g');
  IF strpos(s, '<') > 0 THEN
    s := regexp_replace(s, E'<[^>]*>', '', 'g');
  END IF;
  -- Character references in one pass from left to right (what one decodes is never read again).
  IF strpos(s, '&') > 0 THEN
    IF s !~ E'&(#[xX][0-9a-fA-F]+;|#[0-9]+;|(?!(lt|gt|amp|quot);)[a-zA-Z]+;)' THEN
      -- Only the sanitiser's own &lt; &gt; &quot; &amp;: replacing &amp; last is the same single pass
      -- (the other three become characters that cannot start or end a reference).
      s := replace(replace(replace(replace(s, '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&amp;', '&');
    ELSE
      -- The text between the references and the references, decoded, put back together in order:
      -- linear in the length (a loop over the references would re-scan the rest for each one).
      SELECT string_agg(p.part || coalesce("roundtable_char_ref"(m.ref[1]), ''), '' ORDER BY p.n) INTO s
      FROM unnest(regexp_split_to_array(s, E'&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);')) WITH ORDINALITY AS p(part, n)
      LEFT JOIN regexp_matches(s, E'&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);', 'g') WITH ORDINALITY AS m(ref, n) ON m.n = p.n;
    END IF;
  END IF;
  IF strpos(s, E' \n') > 0 OR strpos(s, E'\t\n') > 0 THEN
    s := regexp_replace(s, E'[ \\t]+\\n', E'\n', 'g');
  END IF;
  IF strpos(s, E'\n\n\n') > 0 THEN
    s := regexp_replace(s, E'\\n{3,}', E'\n\n', 'g');
  END IF;
  -- String.prototype.trim's white space and line terminators.
  RETURN btrim(s, E' \t\n\u000b\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff');
END
$fn$;

ALTER TABLE "posts" ADD COLUMN "body_text" text GENERATED ALWAYS AS ("roundtable_html_to_text"("body_html")) STORED;
