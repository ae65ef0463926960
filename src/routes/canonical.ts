/** The fast canonical checks live with the other SAI address facts; re-exported for the readers. */
export {
  canonicalAddressFast,
  canonicalPrefixFast,
  canonicalPrefixOrNull,
  parseCanonicalIpv6,
} from '../sai/canonical.js';
