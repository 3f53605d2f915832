export * from './graphql-client';
export * from './platform';
export * from './ports';
export * from './sql-counter';
export { readDemoCredentials, type DemoCredentials } from '@infusion/devstack';
export * from './fixtures';
