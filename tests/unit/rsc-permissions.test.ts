/** The RSC permissions an installation consents to are the ones the manifest asks for, no more, no fewer. */
import fs from 'node:fs';
import path from 'node:path';
import { MANIFEST_RSC_PERMISSIONS } from '../../src/graph/rsc-permissions';

it('names exactly the manifest’s resource-specific permissions, with their types', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'appPackage', 'manifest.json'), 'utf8')) as { authorization: { permissions: { resourceSpecific: Array<{ name: string; type: string }> } } };
  expect([...MANIFEST_RSC_PERMISSIONS].sort((a, b) => a.name.localeCompare(b.name))).toEqual([...manifest.authorization.permissions.resourceSpecific].sort((a, b) => a.name.localeCompare(b.name)));
});
