import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateNativeMeta, NATIVE_META_HEADER, NATIVE_META_SOURCE } from '../../scripts/gen-native-meta.js';
import { ALL_TRAITS } from '../../src/traits/index.js';

describe('native attribute metadata (native/src/meta_gen.{c,h})', () => {
  const { header, source } = generateNativeMeta();

  it('the checked-in files equal the generator output (run: npx tsx scripts/gen-native-meta.ts)', () => {
    expect(readFileSync(NATIVE_META_HEADER, 'utf8')).toBe(header);
    expect(readFileSync(NATIVE_META_SOURCE, 'utf8')).toBe(source);
  });

  it('declares every type of ALL_TRAITS and every attribute with its SAI id', () => {
    for (const [name, traits] of Object.entries(ALL_TRAITS)) {
      expect(header).toContain(`VS_T_${name} =`);
      for (const meta of traits.attrList) expect(source).toContain(`{ "${meta.saiName}", "${meta.name}", ${meta.id}, `);
    }
  });
});
