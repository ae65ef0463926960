/*
 * Attribute metadata types. The tables themselves (meta_gen.c / meta_gen.h) are generated from the
 * TypeScript traits by scripts/gen-native-meta.ts; this header only declares their shape.
 */
#ifndef SAIVS_META_H
#define SAIVS_META_H

#include <stdint.h>

/** Value kinds (src/sai/value.ts SaiValueKind). */
enum vs_kind {
    VS_KIND_BOOL,
    VS_KIND_U8,
    VS_KIND_U16,
    VS_KIND_U32,
    VS_KIND_I32,
    VS_KIND_U64,
    VS_KIND_OID,
    VS_KIND_ENUM,
    VS_KIND_MAC,
    VS_KIND_IP_ADDRESS,
    VS_KIND_IP_PREFIX,
    VS_KIND_CHARDATA,
    VS_KIND_OID_LIST,
    VS_KIND_U32_LIST,
    VS_KIND_I32_LIST,
    VS_KIND_I8_LIST,
};

/** SAI attribute flags: CREATE_AND_SET, CREATE_ONLY, READ_ONLY. */
enum vs_mode { VS_MODE_CREATE_AND_SET, VS_MODE_CREATE_ONLY, VS_MODE_READ_ONLY };

/** MANDATORY_ON_CREATE: never, always, or when the condition holds. */
enum vs_presence { VS_PRESENCE_OPTIONAL, VS_PRESENCE_REQUIRED, VS_PRESENCE_CONDITIONAL };

/** Where an omitted attribute's value comes from. */
enum vs_default_kind {
    VS_DEFAULT_NONE,
    VS_DEFAULT_CONST,
    VS_DEFAULT_EMPTY,
    VS_DEFAULT_ATTRVALUE,
    VS_DEFAULT_VENDOR,
    VS_DEFAULT_INTERNAL,
};

/** How an object type is keyed. */
enum vs_key_kind { VS_KEY_OID, VS_KEY_ROUTE, VS_KEY_NEIGHBOR, VS_KEY_FDB };

/** One attribute of one object type. */
typedef struct vs_attr_meta {
    const char *sai_name;      /* SAI_<TYPE>_ATTR_<NAME> */
    const char *name;          /* the store's property name */
    uint32_t id;
    uint8_t kind;              /* enum vs_kind */
    uint8_t mode;              /* enum vs_mode */
    uint8_t presence;          /* enum vs_presence */
    uint8_t default_kind;      /* enum vs_default_kind */
    uint8_t is_key;            /* SAI KEY flag */
    uint8_t allows_null;       /* an oid attribute whose default is SAI_NULL_OBJECT_ID */
    uint8_t is_reference;      /* oid / oid list */
    int64_t default_int;       /* VS_DEFAULT_CONST of bool, integer, enum and oid kinds */
    const char *default_str;   /* VS_DEFAULT_CONST of chardata */
    const int32_t *enum_values; /* sorted; NULL unless VS_KIND_ENUM */
    uint32_t enum_count;
    const int32_t *object_types; /* allowed SAI object type ids of oid / oid list kinds */
    uint32_t object_type_count;
    int32_t cond_attr_id;      /* -1: unconditional */
    const int32_t *cond_values;
    uint32_t cond_count;
} vs_attr_meta;

/** One object type. */
typedef struct vs_type_meta {
    const char *name;          /* e.g. "ROUTE_ENTRY" */
    int32_t object_type;       /* SAI object type id */
    uint8_t key_kind;          /* enum vs_key_kind */
    uint32_t attr_count;
    const vs_attr_meta *attrs; /* by rising id */
    uint32_t max_attr_id;
    const int8_t *index_by_id; /* max_attr_id + 1 entries: index into attrs, or -1 */
} vs_type_meta;

#endif /* SAIVS_META_H */
