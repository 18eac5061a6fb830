/** BLOB columns (keyed hashes, code hashes, salts) as bytes, and bytes as hex. */

/** D1 hands BLOBs back as number arrays; older runtimes gave ArrayBuffers. */
export function bytes(blob: ArrayBuffer | number[]): Uint8Array {
  return blob instanceof ArrayBuffer ? new Uint8Array(blob) : Uint8Array.from(blob);
}

export function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
