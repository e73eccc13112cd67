/*
 * The Node side of `make verify`: runs Backstage's own packages of the pinned
 * release (installed in .cache/verify/node_modules) over the samples.
 *
 *   node check.cjs JOB.json   ->  JSON results on stdout
 *
 * JOB = { workspace, schemaCache, config: [{id, code}], entities: [{id, code,
 * modules}] }.  Each result is {id, problems: [{line, message}]}, where line
 * is the 0-based line within the sample.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const req = createRequire(path.join(job.workspace, 'package.json'));
const YAML = req('yaml');

/* Line of the deepest node of `doc` along `segments` (0-based). */
function lineOf(doc, segments, lineCounter) {
  let node = doc.contents;
  let offset = node && node.range ? node.range[0] : 0;
  for (const seg of segments) {
    if (!node) break;
    if (YAML.isMap(node)) {
      const pair = node.items.find(p => String(p.key && p.key.value) === seg);
      if (!pair) break;
      offset = pair.key.range[0];
      node = pair.value;
    } else if (YAML.isSeq(node)) {
      const item = node.items[Number(seg)];
      if (!item) break;
      offset = item.range[0];
      node = item;
    } else break;
  }
  return lineCounter.linePos(offset).line - 1;
}

function parseDocs(code) {
  const lineCounter = new YAML.LineCounter();
  const docs = YAML.parseAllDocuments(code, { lineCounter });
  return { docs, lineCounter };
}

async function loadSchema() {
  const { loadConfigSchema } = req('@backstage/config-loader');
  if (job.schemaCache && fs.existsSync(job.schemaCache)) {
    const serialized = JSON.parse(fs.readFileSync(job.schemaCache, 'utf8'));
    return loadConfigSchema({ serialized, noUndeclaredProperties: true });
  }
  // Like the CLI in an app: the schemas of the project's package.json and of
  // everything it depends on, TypeScript schemas compiled relative to it.
  process.chdir(job.workspace);
  const errors = [];
  const schema = await loadConfigSchema({
    dependencies: [], packagePaths: [path.join(job.workspace, 'package.json')],
    noUndeclaredProperties: true,
    onSchemaError: e => errors.push(String(e.message || e)),
  });
  if (errors.length) console.error(`config schema: ${errors.length} schema errors ` +
                                   `ignored, first: ${errors[0].slice(0, 300)}`);
  if (!schema.serialize().schemas.length) throw new Error('no config schema found');
  if (job.schemaCache) {
    fs.writeFileSync(job.schemaCache, JSON.stringify(schema.serialize()));
  }
  return schema;
}

/* Read a YAML file the way the CLI does (`config:check --lax`): the
 * config-loader's own FileConfigSource, with ${VAR} from the environment or
 * "x" when unset. */
async function readConfigFile(file) {
  const { FileConfigSource } = req('@backstage/config-loader');
  const source = FileConfigSource.create({
    path: file, watch: false,
    substitutionFunc: async name => process.env[name] || 'x',
  });
  for await (const { configs } of source.readConfigData()) return configs;
  return [];
}

async function checkConfigs(items) {
  if (!items.length) return [];
  // Packages a new app does not have (job.optional) add their schema only for
  // samples on a page that names them, as installing them would in an app.
  const { loadConfigSchema } = req('@backstage/config-loader');
  const full = (await loadSchema()).serialize();
  const optional = new Set(job.optional || []);
  const schemas = new Map();
  const schemaFor = async pkgs => {
    const key = [...pkgs].sort().join(' ');
    if (!schemas.has(key)) {
      const keep = full.schemas.filter(s => !optional.has(s.packageName) || pkgs.includes(s.packageName));
      schemas.set(key, await loadConfigSchema({
        serialized: { ...full, schemas: keep }, noUndeclaredProperties: true }));
    }
    return schemas.get(key);
  };
  const work = fs.mkdtempSync(path.join(job.workdir, 'config-'));
  const base = path.join(work, 'app-config.yaml');
  fs.writeFileSync(base, job.appConfig);
  const baseConfigs = await readConfigFile(base);
  const out = [];
  for (const item of items) {
    const problems = [];
    const file = path.join(work, `sample-${item.id}.yaml`);
    // $file and $env read things that exist only on the reader's machine: they
    // become a string, as an unset ${VAR} does. An $include'd file is unknown,
    // so nothing under it is checked.
    const included = [];
    const stub = (node, at) => {
      if (!node || typeof node !== 'object') return node;
      if (!Array.isArray(node)) {
        const keys = Object.keys(node);
        if (keys.length === 1 && (keys[0] === '$file' || keys[0] === '$env')) return 'x';
        if (keys.length === 1 && keys[0] === '$include') { included.push(at); return {}; }
      }
      for (const k of Object.keys(node)) node[k] = stub(node[k], `${at}/${k}`);
      return node;
    };
    let raw;
    try {
      raw = YAML.parse(item.code);
    } catch (e) {
      out.push({ id: item.id, problems: [{ line: 0, message: `YAML: ${e.message}` }] });
      continue;
    }
    fs.writeFileSync(file, YAML.stringify(stub(raw, '')));
    let configs;
    try {
      configs = await readConfigFile(file);
    } catch (e) {
      out.push({ id: item.id, problems: [{ line: 0, message: String(e.message || e) }] });
      continue;
    }
    const { docs, lineCounter } = parseDocs(item.code);
    const schema = await schemaFor(item.packages || []);
    try {
      schema.process([...baseConfigs, ...configs], {
        visibility: ['frontend', 'backend', 'secret'],
      });
    } catch (e) {
      for (const msg of e.messages || [String(e.message || e)]) {
        const m = /at (\/\S*)$/.exec(msg);
        if (m && included.some(p => m[1] === p || m[1].startsWith(`${p}/`))) continue;
        const segs = m ? m[1].split('/').filter(Boolean) : [];
        const extra = /additionalProperty=(\S+)/.exec(msg);
        if (extra) segs.push(extra[1]);
        problems.push({ line: docs.length ? lineOf(docs[0], segs, lineCounter) : 0,
                        message: msg.replace(/^Config /, 'config ') });
      }
    }
    out.push({ id: item.id, problems });
  }
  return out;
}

/* A minimal valid entity per kind, for `% verify: catalog fragment=<Kind>`
 * blocks that show only part of a descriptor. */
const STUBS = {
  Component: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  API: { type: 'openapi', lifecycle: 'production', owner: 'team-a', definition: 'x' },
  Resource: { type: 'database', owner: 'team-a' },
  System: { owner: 'team-a' },
  Domain: { owner: 'team-a' },
  Group: { type: 'team', children: [] },
  User: { memberOf: [] },
  Location: { targets: ['./x.yaml'] },
};

function merge(base, extra) {
  if (!extra || typeof extra !== 'object' || Array.isArray(extra)) return extra;
  const out = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    out[k] = base && typeof base[k] === 'object' && !Array.isArray(base[k]) ? merge(base[k], v) : v;
  }
  return out;
}

async function checkEntities(items) {
  if (!items.length) return [];
  const cm = req('@backstage/catalog-model');
  const { templateEntityV1beta3Validator } = req('@backstage/plugin-scaffolder-common');
  const policy = cm.EntityPolicies.allOf([
    new cm.SchemaValidEntityPolicy(),
    new cm.DefaultNamespaceEntityPolicy(),
    new cm.NoForeignRootFieldsEntityPolicy(),
    new cm.FieldFormatEntityPolicy(cm.makeValidator()),
  ]);
  const kindValidators = [
    cm.apiEntityV1alpha1Validator, cm.componentEntityV1alpha1Validator,
    cm.resourceEntityV1alpha1Validator, cm.groupEntityV1alpha1Validator,
    cm.locationEntityV1alpha1Validator, cm.userEntityV1alpha1Validator,
    cm.systemEntityV1alpha1Validator, cm.domainEntityV1alpha1Validator,
    templateEntityV1beta3Validator,
  ];
  const out = [];
  for (const item of items) {
    const problems = [];
    const { docs, lineCounter } = parseDocs(item.code);
    for (const doc of docs) {
      const start = doc.contents && doc.contents.range
        ? lineCounter.linePos(doc.contents.range[0]).line - 1 : 0;
      if (doc.errors.length) {
        problems.push({ line: start, message: `YAML: ${doc.errors[0].message}` });
        continue;
      }
      let entity = doc.toJS();
      if (!entity || typeof entity !== 'object') continue;
      if (item.fragment) {
        if (!STUBS[item.fragment]) {
          problems.push({ line: 0, message: `fragment=${item.fragment}: not a built-in kind` });
          continue;
        }
        entity = merge({ apiVersion: 'backstage.io/v1alpha1', kind: item.fragment,
                         metadata: { name: 'example' }, spec: STUBS[item.fragment] }, entity);
      }
      const api = String(entity.apiVersion || '');
      if (!/^(backstage\.io|scaffolder\.backstage\.io)\//.test(api)) continue;
      try {
        const result = await policy.enforce(JSON.parse(JSON.stringify(entity)));
        let known = false;
        for (const v of kindValidators) {
          if (await v.check(result)) { known = true; break; }
        }
        if (!known) {
          problems.push({ line: start, message:
            `no validator of the release accepts apiVersion ${api}, kind ${entity.kind}` });
        }
      } catch (e) {
        // "/spec must have required property ...", '"metadata.name" is not valid ...'
        const m = /(?:^|\s)(\/[\w/.-]*)\s/.exec(e.message) || /"([\w.[\]]+)"/.exec(e.message);
        const segs = m ? m[1].replace(/\[(\d+)\]/g, '.$1').split(/[./]/).filter(Boolean) : [];
        problems.push({ line: segs.length ? lineOf(doc, segs, lineCounter) : start,
                        message: `${entity.kind || 'entity'}: ${e.message}` });
      }
      if (api.startsWith('scaffolder.backstage.io/') && Array.isArray(entity.spec?.steps)) {
        entity.spec.steps.forEach((step, i) => {
          if (step && step.action && !item.actions.includes(step.action)) {
            problems.push({
              line: lineOf(doc, ['spec', 'steps', String(i), 'action'], lineCounter),
              message: `action '${step.action}' is not an action of the release's ` +
                `scaffolder-backend or of the modules this page installs (${item.modules.join(', ')})`,
            });
          }
        });
      }
    }
    out.push({ id: item.id, problems });
  }
  return out;
}

(async () => {
  const result = {
    config: await checkConfigs(job.config || []),
    entities: await checkEntities(job.entities || []),
  };
  process.stdout.write(JSON.stringify(result));
})().catch(e => { console.error(e.stack || String(e)); process.exit(2); });
