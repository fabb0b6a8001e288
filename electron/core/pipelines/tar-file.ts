/**
 * The first regular file of a tar archive (what the engine's GET /containers/{id}/archive returns
 * for one path). Pax and GNU long-name headers are skipped. Throws a sentence when the path is a
 * directory or the archive holds no file.
 */
export function firstFileOfTar(archive: Buffer): Buffer {
  let offset = 0;
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const size = parseInt(header.subarray(124, 136).toString('ascii').replace(/\0.*$/, '').trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 0x30);
    const body = offset + 512;
    if (type === '0' || type === '\0' || type === '7') return archive.subarray(body, body + size);
    if (type === '5') throw new Error('it is a directory, not a file');
    offset = body + Math.ceil(size / 512) * 512;
  }
  throw new Error('the archive holds no file');
}
