jest.mock('../../src/operations', () => {
  const ops = [
    require('../../src/operations/activate').activate, require('../../src/operations/add-attribute').addAttribute,
    require('../../src/operations/check').check, require('../../src/operations/create').create,
    require('../../src/operations/delete-attribute').deleteAttribute, require('../../src/operations/destroy').destroy,
    require('../../src/operations/discover-versions').discoverVersions, require('../../src/operations/get-attribute-list').getAttributeList,
    require('../../src/operations/get-attributes').getAttributes, require('../../src/operations/get').get,
    require('../../src/operations/locate').locate, require('../../src/operations/modify-attribute').modifyAttribute,
    require('../../src/operations/query').query, require('../../src/operations/register').register,
    require('../../src/operations/revoke').revoke, require('../../src/operations/set-attribute').setAttribute,
  ];
  const m = new Map(ops.map((h: any) => [h.operation, h]));
  try { require('../../src/operations/query').bindOperationTable(() => [...m.values()]); } catch {}
  return { OPERATIONS: m };
}, { virtual: true });
import { startTestServer } from '../helpers/server';
import { runPyKmip } from '../helpers/pykmip';
it('scratch', async () => {
  const s = await startTestServer();
  try {
    console.log('hsm', s.hsm);
    const r = await runPyKmip(s, '1.2', [
      { id: 'create', op: 'create', args: { algorithm: 'AES', length: 256, name: 'abc' } },
      { id: 'get', op: 'get', args: { uid: '$create' } },
      { id: 'attrs', op: 'get_attributes', args: { uid: '$create', names: ['State', 'Name'] } },
      { id: 'loc', op: 'locate', args: { name: 'abc' } },
      { id: 'dv', op: 'discover_versions' },
    ]);
    console.log(JSON.stringify(r, null, 1));
  } finally { await s.stop(); }
}, 120000);
