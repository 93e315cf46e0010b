// What a result depends on: the machine, the runtime, the database, the date.
import fs from "node:fs";
import os from "node:os";
import { execSync } from "node:child_process";

export function machine() {
  const cpus = os.cpus();
  let pg = "";
  try {
    pg = execSync("psql --version", { encoding: "utf8" }).trim();
  } catch {
    /* no client */
  }
  return {
    cpu: `${cpus[0]?.model ?? "unknown CPU"} × ${cpus.length}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    postgres: pg,
    date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
  };
}

export const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / 100;
  } catch {
    return NaN;
  }
}

/** Resident memory of a process in MiB, from /proc. */
export function rssMiBOf(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
  } catch {
    return NaN;
  }
}
