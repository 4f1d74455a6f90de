// What SQLite says when the disk, not the command, is at fault, in the words of the closed list.
// Both edges (the REST error handler and the socket acks) answer these the same way, and a clerk
// can act on the message. Each clears once the disk is fixed, without a restart: after a failed
// COMMIT better-sqlite3 has rolled back and the connection stays usable (tests/src/storage-faults.test.ts).
import Database from 'better-sqlite3';
import { DomainError } from '@jiaohao/shared';

/** SQLITE_FULL / SQLITE_READONLY* / SQLITE_IOERR* as a DomainError; null for anything else. */
export function storageError(err: unknown): DomainError | null {
  if (!(err instanceof Database.SqliteError)) return null;
  const code = err.code;
  if (code === 'SQLITE_FULL') {
    return new DomainError(
      'storage_full',
      "The server's disk is full: nothing was saved. Ask the administrator to free disk space; it works again as soon as there is room, without a restart",
    );
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new DomainError(
      'storage_read_only',
      "The server cannot write to its database (the file or its disk is read-only): nothing was saved. Ask the administrator to make it writable again",
    );
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new DomainError(
      'storage_failed',
      "The server's disk failed to read or write: the last action may not have been saved. Check the queue before repeating it, and ask the administrator to check the disk",
    );
  }
  return null;
}
