/** Where the kit keeps things; every module asks here instead of building paths itself. */
import { join, resolve } from 'node:path';

export const root = resolve(__dirname, '..');
export const buildDir = process.env.IPC_BUILD_DIR ? resolve(process.env.IPC_BUILD_DIR) : join(root, 'build');
export const fixturesSrcDir = join(root, 'fixtures');
export const fixturesBinDir = join(buildDir, 'fixtures');
export const probeJsonPath = join(buildDir, 'native', 'constants.json');
export const manifestPath = join(buildDir, 'manifest.json');
export const featuresDir = join(root, 'features');
export const ledgerDir = join(featuresDir, 'ledger');
export const reportsDir = process.env.IPC_REPORTS_DIR ? resolve(process.env.IPC_REPORTS_DIR) : join(root, 'reports');
