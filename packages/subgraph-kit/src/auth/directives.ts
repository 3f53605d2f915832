import { Directive, Extensions } from 'type-graphql';
import type { Scope } from './principal';

/**
 * Marks a field as needing any one of the given scopes: the federation `@requiresScopes`
 * directive in the SDL (so a router can enforce it too) and an extension the subgraph's scope
 * guard enforces itself.
 */
export function RequiresScopes(...scopes: Scope[]): MethodDecorator & PropertyDecorator {
  const directive = Directive(`@requiresScopes(scopes: [${scopes.map((s) => `["${s}"]`).join(', ')}])`);
  const extension = Extensions({ requiresScopes: scopes });
  return (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    directive(target, key, descriptor as never);
    extension(target, key, descriptor as never);
  };
}

/** A root field anyone may call, signed in or not (e.g. `signIn`). */
export function Public(): MethodDecorator & PropertyDecorator {
  return Extensions({ public: true }) as MethodDecorator & PropertyDecorator;
}

/** A root field any signed-in caller may use, whatever their scopes (e.g. `viewer`, `signOut`). */
export function SignedIn(): MethodDecorator & PropertyDecorator {
  const directive = Directive('@authenticated');
  const extension = Extensions({ authenticated: true });
  return (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    directive(target, key, descriptor as never);
    extension(target, key, descriptor as never);
  };
}
