// Drives the npm package shamir-secret-sharing for Hydra's interop tests. Reads one JSON request on stdin, writes one
// JSON answer on stdout. Shares travel as hex; the package refuses Node Buffers, so they are wrapped as Uint8Array.
//   {"op":"combine","sets":[["<hex>",...],...]}          -> {"secrets":["<hex>",...]}
//   {"op":"split","secret":"<hex>","shares":N,"threshold":M} -> {"shares":["<hex>",...]}
import { combine, split } from 'shamir-secret-sharing';

const fromHex = (hex) => new Uint8Array(Buffer.from(hex, 'hex'));
const toHex = (bytes) => Buffer.from(bytes).toString('hex');

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));

if (request.op === 'combine') {
  const secrets = [];
  for (const set of request.sets) secrets.push(toHex(await combine(set.map(fromHex))));
  process.stdout.write(JSON.stringify({ secrets }));
} else if (request.op === 'split') {
  const shares = await split(fromHex(request.secret), request.shares, request.threshold);
  process.stdout.write(JSON.stringify({ shares: shares.map(toHex) }));
} else {
  process.stderr.write(`unknown op ${request.op}\n`);
  process.exit(2);
}
