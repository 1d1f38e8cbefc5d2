/**
 * Where the checkout and `npm run build`'s output are (IPC_BUILD_DIR or build/).
 * native/ learns them here, so it never imports from kit/; kit/paths.ts re-exports them.
 */
import { join, resolve } from 'node:path';

export const root = resolve(__dirname, '..');
export const buildDir = process.env.IPC_BUILD_DIR ? resolve(process.env.IPC_BUILD_DIR) : join(root, 'build');
export const probeJsonPath = join(buildDir, 'native', 'constants.json');
