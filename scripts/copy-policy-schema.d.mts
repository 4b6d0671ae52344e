/** Where the policy package's copy of the schema is written. */
export declare const target: URL;
/** The text of schemas/policy.schema.json, as the policy package ships it. */
export declare function policySchemaText(): string;
