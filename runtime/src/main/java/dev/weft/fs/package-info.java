/**
 * Files read and written by futures: {@link dev.weft.fs.AsyncFile} runs the file system's
 * blocking calls on the {@link dev.weft.Blocking} pool, at explicit positions.
 *
 * <pre>{@code
 * try (AsyncFile f = await(AsyncFile.open(path, READ))) {
 *     ByteBuffer buf = ByteBuffer.allocate(8192);
 *     int n = await(f.read(buf, 0));
 * }
 * }</pre>
 */
package dev.weft.fs;
