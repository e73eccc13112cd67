// Facts of the pinned release for the generated reference (run by `make refdata`).
//
// Usage: node extract.cjs <node_modules folder> <create-app template folder>
// Prints one JSON document: every configuration key of the configuration schemas of the
// workspace's @backstage packages (and everything they depend on), and every scaffolder action
// the scaffolder backend registers by default plus those the installed scaffolder modules add,
// with the inputs and outputs of each action's own JSON schema. Output is sorted, so the same
// packages always give the same bytes.
'use strict';

const fs = require('fs');
const path = require('path');

const nodeModules = path.resolve(process.argv[2]);
const root = path.dirname(nodeModules);
process.chdir(root);
const req = (name) => require(require.resolve(name, { paths: [root] }));

const workspace = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const backstageDeps = Object.keys(workspace.dependencies).filter(n => n.startsWith('@backstage/')).sort();

// ---------------------------------------------------------------- configuration
function typeOf(schema, defs, seen) {
  schema = deref(schema, defs);
  if (!schema || typeof schema !== 'object') return [];
  if (schema.enum) return [...new Set(schema.enum.map(v => (v === null ? 'null' : typeof v)))];
  if (schema.const !== undefined) return [typeof schema.const];
  let types = [];
  if (schema.type) types = Array.isArray(schema.type) ? schema.type : [schema.type];
  for (const key of ['anyOf', 'oneOf']) {
    for (const sub of schema[key] || []) types.push(...typeOf(sub, defs, seen));
  }
  for (const sub of schema.allOf || []) types.push(...typeOf(sub, defs, seen));
  if (!types.length && (schema.properties || schema.additionalProperties || schema.patternProperties)) types.push('object');
  return [...new Set(types.map(t => (t === 'integer' ? 'number' : t)))];
}

function deref(schema, defs) {
  let guard = 0;
  while (schema && schema.$ref && guard++ < 20) {
    const m = /^#\/(?:definitions|\$defs)\/(.+)$/.exec(schema.$ref);
    if (!m) return {};
    schema = defs[decodeURIComponent(m[1])] || {};
  }
  return schema;
}

function enumOf(schema, defs) {
  schema = deref(schema, defs);
  if (!schema) return [];
  if (schema.enum) return schema.enum;
  if (schema.const !== undefined) return [schema.const];
  const out = [];
  for (const key of ['anyOf', 'oneOf']) {
    const subs = schema[key] || [];
    if (subs.length && subs.every(s => { s = deref(s, defs); return s && (s.enum || s.const !== undefined); })) {
      for (const s of subs) out.push(...enumOf(s, defs));
    }
  }
  return out;
}

// Walk one package's schema; call visit(path, node, inheritedVisibility) for every key.
function walk(schema, defs, prefix, visibility, visit, stack) {
  schema = deref(schema, defs);
  if (!schema || typeof schema !== 'object' || stack.has(schema) || stack.size > 30) return;
  stack.add(schema);
  const vis = schema.deepVisibility || visibility;
  const children = (node, sub) => walk(sub, defs, node, vis, visit, stack);
  const keyed = (name) => (prefix ? `${prefix}.${name}` : name);
  for (const [name, sub] of Object.entries(schema.properties || {})) {
    const p = keyed(name);
    visit(p, deref(sub, defs), vis, schema.required?.includes(name));
    children(p, sub);
  }
  const mapValue = (sub) => {
    if (sub && typeof sub === 'object' && Object.keys(deref(sub, defs) || {}).length) {
      const p = keyed('*');
      visit(p, deref(sub, defs), vis, false);
      children(p, sub);
    }
  };
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') mapValue(schema.additionalProperties);
  for (const sub of Object.values(schema.patternProperties || {})) mapValue(sub);
  const items = schema.items;
  if (items && prefix) {
    for (const sub of Array.isArray(items) ? items : [items]) walk(sub, defs, `${prefix}[]`, vis, visit, stack);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    for (const sub of schema[key] || []) walk(sub, defs, prefix, vis, visit, stack);
  }
  stack.delete(schema);
}

async function configFacts() {
  const { loadConfigSchema } = req('@backstage/config-loader');
  const loaded = await loadConfigSchema({ dependencies: backstageDeps });
  const { schemas } = loaded.serialize();
  const keys = new Map();
  const packages = {};
  for (const { value, packageName } of schemas) {
    packages[packageName] = JSON.parse(fs.readFileSync(
      require.resolve(`${packageName}/package.json`, { paths: [root] }), 'utf8')).version;
    const defs = { ...(value.definitions || {}), ...(value.$defs || {}) };
    walk(value, defs, '', undefined, (p, node, vis) => {
      const entry = keys.get(p) || { path: p, type: new Set(), enum: new Set(), visibility: new Set(), packages: new Set() };
      typeOf(node, defs, new Set()).forEach(t => entry.type.add(t));
      enumOf(node, defs).forEach(v => entry.enum.add(JSON.stringify(v)));
      const own = node.visibility || vis;
      if (own) entry.visibility.add(own);
      if (node.default !== undefined && entry.default === undefined) entry.default = node.default;
      entry.packages.add(packageName);
      keys.set(p, entry);
    }, new Set());
  }
  // Visibility is declared on the values that carry it. A key without its own (an object or a
  // list) reports the visibilities of the keys below it, or `backend` when none has one.
  const rank = { secret: 2, frontend: 1, backend: 0 };
  const paths = [...keys.keys()];
  const out = [...keys.values()].map(e => {
    let vis = [...e.visibility].sort((a, b) => rank[b] - rank[a])[0];
    if (!vis) {
      const below = new Set();
      for (const p of paths) {
        if (!(p.startsWith(`${e.path}.`) || p.startsWith(`${e.path}[`))) continue;
        const own = keys.get(p).visibility;
        if (own.size) own.forEach(v => below.add(v));
        else if (!paths.some(q => q.startsWith(`${p}.`) || q.startsWith(`${p}[`))) below.add('backend');
      }
      if (!below.size) below.add('backend');
      vis = [...below].sort((a, b) => rank[a] - rank[b]).join(', ');
    }
    const item = { path: e.path, type: [...e.type].sort() };
    if (e.enum.size) item.enum = [...e.enum].sort().map(v => JSON.parse(v));
    if (e.default !== undefined) item.default = e.default;
    item.visibility = vis;
    item.packages = [...e.packages].sort();
    return item;
  });
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { packages: sortObject(packages), keys: out };
}

// ---------------------------------------------------------------- scaffolder actions
const SCAFFOLDER = '@backstage/plugin-scaffolder-backend';

function fields(schema) {
  if (!schema || typeof schema !== 'object') return [];
  const defs = { ...(schema.definitions || {}), ...(schema.$defs || {}) };
  schema = deref(schema, defs);
  const required = new Set(schema.required || []);
  const props = { ...(schema.properties || {}) };
  // Some actions take one of several shapes: list the union of their fields.
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    for (const sub of schema[key] || []) {
      const s = deref(sub, defs);
      for (const [n, v] of Object.entries(s.properties || {})) if (!(n in props)) props[n] = v;
      if (key === 'allOf') (s.required || []).forEach(r => required.add(r));
    }
  }
  return Object.keys(props).sort().map(name => {
    const node = deref(props[name], defs);
    let type = typeOf(node, defs, new Set());
    if (type.includes('array')) {
      const items = deref(node.items, defs);
      const inner = items ? typeOf(items, defs, new Set()) : [];
      if (inner.length) type = type.map(t => (t === 'array' ? `array of ${inner.join(' | ')}` : t));
    }
    return { name, type: type.join(' | ') || 'any', required: required.has(name) };
  });
}

function describe(action, pkg) {
  return {
    id: action.id,
    package: pkg,
    inputs: fields(action.schema && action.schema.input),
    outputs: fields(action.schema && action.schema.output),
  };
}

// A stand-in for services and clients the action factories receive but do not call.
function stub(name) {
  const fn = function () { return stub(`${name}()`); };
  return new Proxy(fn, {
    get: (_t, prop) => (prop === 'then' ? undefined : prop === Symbol.toPrimitive ? () => name : stub(`${name}.${String(prop)}`)),
  });
}

function builtinActions() {
  const dist = path.dirname(require.resolve(SCAFFOLDER, { paths: [root] }));
  const pluginSource = fs.readFileSync(path.join(dist, 'ScaffolderPlugin.cjs.js'), 'utf8');
  const registered = new Set([...pluginSource.matchAll(/\.(create\w+Action)\(/g)].map(m => m[1]));
  const api = req(SCAFFOLDER);
  const { ConfigReader } = req('@backstage/config');
  const { ScmIntegrations } = req('@backstage/integration');
  const config = new ConfigReader({});
  const options = { reader: stub('reader'), integrations: ScmIntegrations.fromConfig(config), catalog: stub('catalog'), catalogClient: stub('catalogClient'), config };
  const missing = [...registered].filter(name => typeof api[name] !== 'function');
  if (missing.length) throw new Error(`${SCAFFOLDER} registers factories it does not export: ${missing.join(', ')}`);
  return [...registered].map(name => describe(api[name](options), SCAFFOLDER));
}

async function moduleActions(pkg) {
  const mod = req(pkg);
  const feature = mod.default;
  const regs = feature && typeof feature.getRegistrations === 'function' ? feature.getRegistrations() : [];
  const { ConfigReader } = req('@backstage/config');
  const collected = [];
  for (const reg of regs) {
    if (!reg.init) continue;
    const deps = {};
    for (const [key, ref] of Object.entries(reg.init.deps)) {
      if (ref.id === 'scaffolder.actions') deps[key] = { addActions: (...a) => collected.push(...a.flat()) };
      else if (ref.id === 'core.rootConfig') deps[key] = new ConfigReader({});
      else deps[key] = stub(ref.id);
    }
    await reg.init.func(deps);
  }
  return collected.map(a => describe(a, pkg));
}

async function actionFacts() {
  const installed = fs.readdirSync(path.join(nodeModules, '@backstage'))
    .filter(n => n.startsWith('plugin-scaffolder-backend-module-')).map(n => `@backstage/${n}`).sort();
  const actions = builtinActions();
  for (const pkg of installed) actions.push(...await moduleActions(pkg));
  actions.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ids = actions.map(a => a.id);
  const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dup.length) throw new Error(`action ids registered twice: ${dup.join(', ')}`);
  return { modules: installed, actions };
}

function sortObject(o) {
  return Object.fromEntries(Object.keys(o).sort().map(k => [k, o[k]]));
}

(async () => {
  const config = await configFacts();
  const { modules, actions } = await actionFacts();
  const scaffolderVersion = JSON.parse(fs.readFileSync(require.resolve(`${SCAFFOLDER}/package.json`, { paths: [root] }), 'utf8')).version;
  const out = {
    release: process.env.BACKSTAGE_RELEASE || '',
    generated_by: 'make refdata (tools/refdata)',
    config,
    scaffolder: { backend: `${SCAFFOLDER}@${scaffolderVersion}`, modules },
    actions,
  };
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
})().catch(err => { console.error(err && err.stack || err); process.exit(1); });
