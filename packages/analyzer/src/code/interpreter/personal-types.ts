import { ts } from 'ts-morph';
import { defaultCategory } from '../../catalogue/sdk.js';
import { unknownFacts } from '../lattice.js';
import type { OracleType } from '../type-oracle.js';
import { unionTaints, type Value } from '../values.js';
import { InterpreterCore } from './core.js';
import { literalText, shorten } from './syntax.js';

/** How personal data is recognised: by policy declarations, `@personal` markers and declared types. */
export abstract class PersonalTypes extends InterpreterCore {
  /** The category of personal data a parameter's declared type holds, or undefined. */
  personalCategoryOf(name: ts.BindingName): string | undefined {
    const type = this.host.oracle.typeOf(name);
    return type ? this.personalType(type, 3) : undefined;
  }

  /** A value read from code we do not see is personal when its type holds personal data. */
  protected sourceByType(at: ts.Node, value: Value, node: ts.Node): Value {
    const type = this.host.oracle.typeOf(at);
    if (!type) return value;
    const category = this.personalType(type, 3);
    if (!category) return value;
    const text = ts.isIdentifier(at) ? at.text : shorten(node.getText());
    return {
      ...value,
      taints: unionTaints(value.taints, [
        {
          key: `source:${this.locKey(node)}`,
          subject:
            ts.isParameter(node) && ts.isIdentifier(node.name)
              ? node.name.text
              : (value.identity ?? ''),
          category,
          facts: unknownFacts(this.all),
          trail: [this.step(node, `\`${text}\` holds personal data (${category})`)],
        },
      ]),
    };
  }

  protected typeIsPersonalOrUnknown(node: ts.Node): boolean {
    const type = this.host.oracle.typeOf(node);
    if (!type) return true;
    // `any`, `unknown` and type parameters say nothing: keep the data.
    if (this.host.oracle.isOpaque(type)) return true;
    return this.personalType(type, 3) !== undefined;
  }

  /** The category of personal data a type holds, or undefined. */
  protected personalType(type: OracleType, depth: number): string | undefined {
    const top = this.exploring.size === 0;
    if (top) {
      const cached = this.personalTypes.get(type.key);
      if (cached !== undefined) return cached ?? undefined;
    }
    if (depth <= 0 || this.exploring.has(type.key)) return undefined;
    this.exploring.add(type.key);
    let category: string | undefined;
    try {
      const declarations = this.host.oracle.declarationsOfType(type);
      for (const declaration of declarations) {
        const sources = this.host.model.sources.get(declaration);
        if (sources?.[0]) category = sources[0].entry.category;
      }
      // Libraries (the standard library, npm packages) declare no personal fields of the project.
      const projectType = declarations.every(
        (declaration) =>
          this.host.oracle.packageOf(declaration.getSourceFile().fileName) === undefined &&
          !declaration.getSourceFile().isDeclarationFile,
      );
      if (!category && projectType) {
        for (const member of this.host.oracle.membersOf(type)) {
          category = this.personalDeclarations(member.declarations);
          if (!category && member.type) category = this.personalType(member.type, depth - 1);
          if (category) break;
        }
      }
      if (!category) {
        for (const part of this.host.oracle.partsOf(type)) {
          category = this.personalType(part, depth);
          if (category) break;
        }
      }
    } finally {
      this.exploring.delete(type.key);
    }
    if (top) this.personalTypes.set(type.key, category ?? null);
    return category;
  }

  /** The category a member is marked with (`@personal`) or declared as (`code.sources`). */
  protected personalDeclarations(declarations: readonly ts.Node[]): string | undefined {
    for (const declaration of declarations) {
      // A member of a type the policy declares personal as a whole is personal.
      const sources =
        this.host.model.sources.get(declaration) ?? this.host.model.sources.get(declaration.parent);
      if (sources?.[0]) return sources[0].entry.category;
      if (!ts.canHaveDecorators(declaration)) continue;
      for (const decorator of ts.getDecorators(declaration) ?? []) {
        const call = decorator.expression;
        if (
          ts.isCallExpression(call) &&
          this.host.classifier.sdkRoleOf(call.expression) === 'personal-marker'
        ) {
          return literalText(call.arguments[0]) ?? defaultCategory;
        }
      }
    }
    return undefined;
  }

  protected personalProperty(node: ts.PropertyAccessExpression): string | undefined {
    if (!this.host.personalMemberNames.has(node.name.text)) return undefined;
    return this.personalDeclarations(this.host.oracle.declarationsOf(node));
  }

  protected personalBinding(element: ts.BindingElement): string | undefined {
    // The SDK's markers are functions, never personal data.
    if (this.host.classifier.markerBinding(element) !== undefined) return undefined;
    return this.personalDeclarations(this.host.oracle.bindingPropertyDeclarationsOf(element));
  }
}
