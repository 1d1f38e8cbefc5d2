/** Where the kit keeps things; every module asks here instead of building paths itself. */
import { join, resolve } from 'node:path';
import { buildDir, probeJsonPath, root } from '../native/build-paths';

export { buildDir, probeJsonPath, root };
export const fixturesSrcDir = join(root, 'fixtures');
export const fixturesBinDir = join(buildDir, 'fixtures');
export const manifestPath = join(buildDir, 'manifest.json');
export const featuresDir = join(root, 'features');
export const ledgerDir = join(featuresDir, 'ledger');
export const reportsDir = process.env.IPC_REPORTS_DIR ? resolve(process.env.IPC_REPORTS_DIR) : join(root, 'reports');
/** The default reports folder, the kit's own by its place in the checkout (.gitignore'd). */
export const defaultReportsDir = join(root, 'reports');
