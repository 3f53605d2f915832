// Loaded by the gateway too: nothing here may pull in the ORM or type-graphql.
export * from './principal';
export * from './signed-context';
