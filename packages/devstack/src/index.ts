export * from './credentials';
export * from './postgres';
export * from './processes';
export * from './stack';
