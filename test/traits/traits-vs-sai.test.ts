/**
 * Every declared attribute and enum value matches SAI's own metadata in ../shared/sai/
 * (attribute id, value type, flags, default, allowed object types, condition).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ALL_TRAITS, type AttrMeta } from '../../src/traits/index.js';
import * as enums from '../../src/sai/enums.js';
import { SAI_VALUE_TYPE_OF_KIND, SaiObjectTypeId } from '../../src/sai/index.js';
import type { SaiEnum } from '../../src/sai/enum.js';
import { describeWithNeed, needShared, SHARED_DIR } from '../helpers/need.js';

const SAI_DIR = `${join(SHARED_DIR, 'sai')}/`;

function rows(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(`${SAI_DIR}${file}`, 'utf8').trim().split('\n');
  const cols = head.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])));
}

function expectedFlags(meta: AttrMeta): string[] {
  const f: string[] = [];
  if (meta.presence !== 'optional') f.push('MANDATORY_ON_CREATE');
  f.push({ createAndSet: 'CREATE_AND_SET', createOnly: 'CREATE_ONLY', readOnly: 'READ_ONLY' }[meta.mode]);
  if (meta.isKey) f.push('KEY');
  return f;
}

function expectedDefault(meta: AttrMeta): string | undefined {
  switch (meta.defaultKind) {
    case 'none':
      return undefined;
    case 'empty':
      return 'empty';
    case 'attrvalue':
    case 'vendor':
    case 'internal':
      return meta.defaultKind;
    case 'const': {
      const v = meta.defaultValue;
      if (meta.enumDef) return `const ${meta.enumDef.prefix}${String(v)}`;
      if (v === 0n && meta.kind === 'oid') return 'const NULL_OID';
      if (v === '') return `const (SAI_ATTR_VALUE_TYPE_${SAI_VALUE_TYPE_OF_KIND[meta.kind]})`;
      return `const ${String(v)}`;
    }
  }
}

const SAI_METADATA = needShared('sai/attributes.tsv', 'sai/enums.tsv');

describeWithNeed(SAI_METADATA, 'traits match SAI 1.18 metadata (../shared/sai)', () => {
  // A skipped suite's body still runs (to collect its tests): read nothing that is not there.
  const attrs = SAI_METADATA.have ? rows('attributes.tsv') : [];
  const byName = new Map(attrs.map((r) => [r.attr, r]));

  for (const traits of Object.values(ALL_TRAITS)) {
    it(`${traits.objectType}`, () => {
      expect(traits.objectTypeId).toBe(SaiObjectTypeId[traits.objectType]);
      for (const meta of traits.attrList) {
        const row = byName.get(meta.saiName);
        expect(row, `${meta.saiName} exists in SAI`).toBeDefined();
        expect(row!.object_type).toBe(`SAI_OBJECT_TYPE_${traits.objectType}`);
        expect(Number(row!.attr_id), meta.saiName).toBe(meta.id);
        expect(row!.value_type, meta.saiName).toBe(SAI_VALUE_TYPE_OF_KIND[meta.kind]);
        if (meta.enumDef) expect(row!.enum, meta.saiName).toBe(meta.enumDef.cName);
        // A conditional mandatory attribute is MANDATORY_ON_CREATE in SAI; mode and KEY must agree.
        expect(row!.flags.split('|').sort(), meta.saiName).toEqual(expectedFlags(meta).sort());
        const def = expectedDefault(meta);
        if (def !== undefined) expect(row!.default, meta.saiName).toBe(def);
        else expect(['-'], meta.saiName).toContain(row!.default);
        if (meta.objects) {
          for (const t of meta.objects) expect(row!.objects.split(','), meta.saiName).toContain(t);
        }
        if (meta.condition) {
          const other = traits.attrById.get(meta.condition.attrId)!;
          const ours = meta.condition.values.map(
            (v) => `${other.saiName}==${other.enumDef!.prefix}${other.enumDef!.names.get(v)}`,
          );
          expect(row!.condition.split(' or ').sort(), meta.saiName).toEqual(ours.sort());
        } else {
          expect(row!.condition, meta.saiName).toBe('-');
        }
      }
    });
  }

  it('every enum value matches enums.tsv', () => {
    const values = rows('enums.tsv');
    const byEnum = new Map<string, Map<string, number>>();
    for (const r of values) {
      if (!byEnum.has(r.enum)) byEnum.set(r.enum, new Map());
      byEnum.get(r.enum)!.set(r.name, Number(r.value));
    }
    for (const e of Object.values(enums)) {
      if (!('cName' in e)) continue;
      const def = e as SaiEnum;
      const sai = byEnum.get(def.cName);
      expect(sai, def.cName).toBeDefined();
      for (const [name, value] of Object.entries(def.values)) {
        expect(sai!.get(`${def.prefix}${name}`), `${def.prefix}${name}`).toBe(value);
      }
    }
  });
});
