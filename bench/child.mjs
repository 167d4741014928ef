// Runs a bench child process with a watchdog: JSON messages ("@@BENCH {...}" lines) are passed to
// onMessage, which may return a new time-out in ms (the watchdog restarts from each message). A child
// that goes silent past its time-out is killed (SIGKILL, whole process group): a hanging peer never
// hangs the bench.
import { spawn } from 'node:child_process';

/** Runs `cmd args`; resolves {messages, code, signal, timedOut, stderrTail, wallMs}. */
export function runChild(cmd, args, { timeoutMs, onMessage = () => {}, env } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: env ?? process.env });
    const messages = [];
    let stderr = '';
    let buf = '';
    let timedOut = false;
    let timer;
    const arm = (ms) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        try { process.kill(-child.pid, 'SIGKILL'); } catch { child.kill('SIGKILL'); }
      }, ms);
    };
    arm(timeoutMs);
    child.stdout.on('data', (d) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (!line.startsWith('@@BENCH ')) continue;
        let msg;
        try { msg = JSON.parse(line.slice(8)); } catch { continue; }
        messages.push(msg);
        const next = onMessage(msg);
        if (typeof next === 'number') arm(next);
      }
    });
    child.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-4000);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ messages, code, signal, timedOut, stderrTail: stderr.trim().split('\n').slice(-6).join('\n'), wallMs: performance.now() - t0 });
    });
  });
}
