/** Helpers for CDK assertions: a stack with stub function code (fast), and ways to read its template. */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code, type CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { ClerqStack, type ClerqStackProps } from '../../infra/stack.js';
import type { FunctionName } from '../../functions/routes.js';

export type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[]; DeletionPolicy?: string; Metadata?: Record<string, unknown> };

export interface Synth {
  stack: ClerqStack;
  template: Template;
  resources: Record<string, Resource>;
  ofType: (type: string) => [string, Resource][];
  /** Logical id of a Clerq function. */
  fnId: (fn: FunctionName) => string;
  /** Logical id of a Clerq function's role. */
  roleId: (fn: FunctionName) => string;
  /** Logical id of any construct's default resource. */
  idOf: (construct: { node: { defaultChild?: unknown } }) => string;
}

export const stubCode = Code.fromInline('export const handler = async () => ({ statusCode: 200 });');

/** Synthesizes the stack with stub code for every function (no bundling). */
export function synthStubbed(props: Omit<ClerqStackProps, 'functionCode'> = {}, id = 'ClerqTest'): Synth {
  const stack = new ClerqStack(new App(), id, { functionCode: () => stubCode, ...props });
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Record<string, Resource>;
  const idOf = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as CfnFunction);
  const fnId = (fn: FunctionName) => idOf(stack.functions[fn]);
  return {
    stack,
    template,
    resources,
    ofType: (type) => Object.entries(resources).filter(([, r]) => r.Type === type),
    fnId,
    idOf,
    roleId: (fn) => (resources[fnId(fn)]!.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0],
  };
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** Every statement of every IAM policy, with the roles it is attached to. */
export function statements(s: Synth): { roles: string[]; statement: Statement }[] {
  return s.ofType('AWS::IAM::Policy').flatMap(([, p]) => {
    const roles = ((p.Properties.Roles as { Ref: string }[] | undefined) ?? []).map((r) => r.Ref);
    return (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement.map((statement) => ({ roles, statement }));
  });
}

export const asList = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

/** The environment variables of a Clerq function. */
export function envOf(s: Synth, fn: FunctionName): Record<string, unknown> {
  return (s.resources[s.fnId(fn)]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
}
