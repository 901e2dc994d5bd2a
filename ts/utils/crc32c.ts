/** CRC-32C (Castagnoli), the checksum of TFRecord files (TensorBoard's event files). */

/** The reflected Castagnoli polynomial. */
const POLYNOMIAL = 0x82f63b78;

/** The checksum of each byte value, built once. */
const TABLE = Uint32Array.from({ length: 256 }, (_, byte) => {
  let crc = byte;
  for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ POLYNOMIAL : crc >>> 1;
  return crc;
});

/** The CRC-32C of `bytes`, as an unsigned 32-bit integer (`crc32c('123456789')` is 0xe3069283). */
export function crc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
