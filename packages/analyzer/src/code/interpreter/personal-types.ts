import { ts } from 'ts-morph';
import { defaultCategory } from '../../catalogue/sdk.js';
import { unknownFacts } from '../lattice.js';
import type { OracleType } from '../type-oracle.js';
import { narrowTaint, type Taint, unionTaints, type Value } from '../values.js';
import { describeCategories } from '../wording.js';
import { InterpreterCore } from './core.js';
import { literalText, shorten } from './syntax.js';

/** Fields that count a collection or a text: a number derived from data, not the data. */
const countFields = new Set(['length', 'size', 'byteLength']);

/** Whether a property of this name is a count: a value derived from data, never the data. */
export function isCountField(name: string): boolean {
  return countFields.has(name);
}

/** How personal data is recognised: by policy declarations, `@personal` markers and declared types. */
export abstract class PersonalTypes extends InterpreterCore {
  /** The categories of personal data a parameter's declared type holds (none: not personal). */
  personalCategoriesOf(name: ts.BindingName): readonly string[] {
    const type = this.host.oracle.typeOf(name);
    return type ? this.personalCategories(type) : [];
  }

  /** A value read from code we do not see is personal when its type holds personal data. */
  protected sourceByType(at: ts.Node, value: Value, node: ts.Node): Value {
    const type = this.host.oracle.typeOf(at);
    if (!type) return value;
    const categories = this.personalCategories(type);
    if (categories.length === 0) return value;
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
          categories,
          facts: unknownFacts(this.all),
          trail: [
            this.step(node, `\`${text}\` holds personal data (${describeCategories(categories)})`),
          ],
        },
      ]),
    };
  }

  /**
   * The categories of what an expression's type holds, when the type says (a projection keeps
   * only those); undefined when it says nothing (`any`, `unknown`, a type parameter, no type).
   */
  protected projectedCategories(node: ts.Node): readonly string[] | undefined {
    const type = this.host.oracle.typeOf(node);
    if (!type || this.host.oracle.isOpaque(type)) return undefined;
    return this.personalCategories(type);
  }

  /** Whether an expression's type holds personal data, or says nothing about it. */
  protected typeIsPersonalOrUnknown(node: ts.Node): boolean {
    const categories = this.projectedCategories(node);
    return categories === undefined || categories.length > 0;
  }

  /**
   * What a read of a field (`conversation.messages`, `{ email } = user`) keeps of the data read:
   * nothing for a count or a boolean derived from it (`messages.length`, `text.length > 40`);
   * the field's category when it is marked personal; inside a personal field, the data as is;
   * otherwise the categories the field's type holds (none: not personal), or all when its type
   * says nothing.
   */
  protected projected(
    taints: readonly Taint[],
    node: ts.Node,
    field: string | undefined,
    personal: string | undefined,
    content: boolean,
  ): readonly Taint[] {
    if (taints.length === 0) return taints;
    if (!personal && this.isDerived(node, field)) return [];
    if (personal) return taints.map((taint) => narrowTaint(taint, [personal]));
    if (content) return taints;
    const categories = this.projectedCategories(node);
    if (categories === undefined) return taints;
    if (categories.length === 0) return [];
    return taints.map((taint) => narrowTaint(taint, categories));
  }

  /** Whether a field read is a count or a boolean: derived from data, not the data. */
  protected isDerived(node: ts.Node, field: string | undefined): boolean {
    return (field !== undefined && countFields.has(field)) || this.isBooleanValue(node);
  }

  /** Whether an expression's value is a boolean: an answer about data, not the data. */
  protected isBooleanValue(node: ts.Node): boolean {
    const type = this.host.oracle.typeOf(node);
    return type !== undefined && this.host.oracle.isBoolean(type);
  }

  /**
   * The categories of personal data a type holds, sorted: those of the policy's sources it is,
   * or of every field marked or declared personal in it, nested ones included (three levels).
   */
  protected personalCategories(type: OracleType): readonly string[] {
    const cached = this.personalTypes.get(type.key);
    if (cached !== undefined) return cached;
    const found = new Set<string>();
    this.collectCategories(type, 3, found, new Set());
    const categories = [...found].sort();
    this.personalTypes.set(type.key, categories);
    return categories;
  }

  private collectCategories(
    type: OracleType,
    depth: number,
    found: Set<string>,
    exploring: Set<number>,
  ): void {
    if (depth <= 0 || exploring.has(type.key)) return;
    exploring.add(type.key);
    try {
      const declarations = this.host.oracle.declarationsOfType(type);
      let source = false;
      for (const declaration of declarations) {
        for (const mapping of this.host.model.sources.get(declaration) ?? []) {
          found.add(mapping.entry.category);
          source = true;
        }
      }
      if (source) return;
      // Libraries (the standard library, npm packages) declare no personal fields of the project.
      const projectType = declarations.every(
        (declaration) =>
          this.host.oracle.packageOf(declaration.getSourceFile().fileName) === undefined &&
          !declaration.getSourceFile().isDeclarationFile,
      );
      if (projectType) {
        for (const member of this.host.oracle.membersOf(type)) {
          const marked = this.personalDeclarations(member.declarations);
          if (marked) found.add(marked);
          else if (member.type) this.collectCategories(member.type, depth - 1, found, exploring);
        }
      }
      for (const part of this.host.oracle.partsOf(type)) {
        this.collectCategories(part, depth, found, exploring);
      }
    } finally {
      exploring.delete(type.key);
    }
  }

  /** The category a member is marked with (`@personal`) or declared as (`code.sources`). */
  protected personalDeclarations(declarations: readonly ts.Node[]): string | undefined {
    for (const declaration of declarations) {
      // A member of a type the policy declares personal as a whole is personal, and so is one
      // of the object type a type alias names (`type UserMessage = { content: … }`).
      const owner = declaration.parent;
      const sources =
        this.host.model.sources.get(declaration) ??
        this.host.model.sources.get(owner) ??
        (owner && ts.isTypeLiteralNode(owner) && ts.isTypeAliasDeclaration(owner.parent)
          ? this.host.model.sources.get(owner.parent)
          : undefined);
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
