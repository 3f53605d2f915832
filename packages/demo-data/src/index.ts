export * from './catalogue';
export * from './time';
export * from './world';
export * from './site-operations';
export * from './staffing';
