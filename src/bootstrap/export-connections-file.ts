import { open, rm } from 'node:fs/promises';
import { exportConnections, type ExportSummary } from '../services/connections/export-connections.js';
import type { Runtime } from './create-runtime.js';

/** The file already exists: an export never overwrites (it may be the previous export, or anything else). */
export class ExportFileExistsError extends Error {
  override name = 'ExportFileExistsError';
}

/**
 * `doorway export-connections FILE`: the file is created new (`wx`: refused if it exists, so
 * nothing is overwritten and no symlink is followed to an existing target) with mode 0600, since
 * it holds every connection's decrypted credentials. A failed export removes its partial file.
 */
export async function exportConnectionsToFile(runtime: Pick<Runtime, 'deps'>, file: string): Promise<ExportSummary> {
  let handle;
  try {
    handle = await open(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new ExportFileExistsError(`${file} already exists; export-connections never overwrites a file`);
    throw error;
  }
  try {
    const summary = await exportConnections(runtime.deps, { write: async (text) => void (await handle.write(text)) });
    await handle.sync();
    await handle.close();
    return summary;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(file, { force: true });
    throw error;
  }
}
