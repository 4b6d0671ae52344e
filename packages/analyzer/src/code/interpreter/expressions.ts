import { ts } from 'ts-morph';
import { environmentObjects, ownerFields, recordIdFields } from '../../catalogue/builtins.js';
import { sdkDecision, sdkEntry } from '../../catalogue/sdk.js';
import { constantInitializer } from '../constants.js';
import { unknownFacts } from '../lattice.js';
import { moduleCollectionKey } from '../module-collections.js';
import type { Unit } from '../units.js';
import {
  type Closure,
  emptyValue,
  extendTrail,
  joinValues,
  mergeTaints,
  type Taint,
  unionTaints,
  type Value,
} from '../values.js';
import { walk } from '../walk.js';
import { Conditions } from './conditions.js';
import { joinPathKeys } from './path-keys.js';
import { type Frame, joinStates, type State } from './state.js';
import {
  comparisonOf,
  enclosingFunctionBody,
  isFalsyLiteral,
  literalText,
  propertyKey,
  restFields,
  shorten,
  skipParens,
} from './syntax.js';

/** A URI's scheme at the start of a template (`s3://`, `gs://`). */
const uriScheme = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Expressions: values, property reads, assignments, patterns and closures. */
export abstract class Expressions extends Conditions {
  /** A part of an object's URI (bucket, key) as a path key (library-calls.ts). */
  protected abstract objectPart(value: Value | undefined): string | undefined;
  /** A property read that runs a getter of a project class (calls.ts). */
  protected abstract getterRead(
    node: ts.PropertyAccessExpression,
    object: Value,
  ): Value | undefined;

  protected expression(expression: ts.Expression, state: State, frame: Frame): Value {
    this.budget.enter(expression);
    const value = this.evaluate(expression, state, frame);
    this.budget.leave();
    return value;
  }

  private evaluate(expression: ts.Expression, state: State, frame: Frame): Value {
    const node = expression;
    if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) {
      const value = this.expression(node.expression, state, frame);
      // Data whose type says nothing (`await request.json()`) is what the assertion declares.
      const inner = this.host.oracle.typeOf(node.expression);
      return inner !== undefined &&
        this.host.oracle.isOpaque(inner) &&
        value.taints.every((taint) => taint.param !== undefined)
        ? this.sourceByType(node, value, node)
        : value;
    }
    if (
      ts.isParenthesizedExpression(node) ||
      ts.isNonNullExpression(node) ||
      ts.isSatisfiesExpression(node)
    ) {
      return this.expression(node.expression, state, frame);
    }
    if (ts.isIdentifier(node)) return this.identifier(node, state);
    if (node.kind === ts.SyntaxKind.ThisKeyword)
      return state.env.get('this') ?? { taints: [], identity: 'this' };
    if (ts.isStringLiteralLike(node)) return { taints: [], literals: [node.text] };
    if (node.kind === ts.SyntaxKind.TrueKeyword) return { taints: [], bool: true };
    if (node.kind === ts.SyntaxKind.FalseKeyword) return { taints: [], bool: false };
    if (ts.isPropertyAccessExpression(node)) return this.property(node, state, frame);
    if (ts.isElementAccessExpression(node)) {
      const object = this.expression(node.expression, state, frame);
      const index = this.expression(node.argumentExpression, state, frame);
      const key = index.literals?.[0];
      if (key !== undefined && object.fields?.has(key)) return object.fields.get(key)!;
      if (isEnvironment(node.expression))
        return { taints: [], environment: shorten(node.getText()) };
      const element = this.element(object, undefined);
      return object.check?.subject.startsWith('@element:')
        ? { ...element, check: object.check }
        : element;
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const value = this.call(node, state, frame);
      // `email.endsWith('@example.com')`, `ids.has(id)`: an answer about data, not the data.
      return value.taints.length > 0 && this.isBooleanValue(node)
        ? { ...value, taints: [] }
        : value;
    }
    if (ts.isAwaitExpression(node))
      return this.awaited(this.expression(node.expression, state, frame), state);
    if (ts.isObjectLiteralExpression(node)) return this.objectLiteral(node, state, frame);
    if (ts.isArrayLiteralExpression(node)) {
      const values = node.elements.map((element) =>
        this.expression(ts.isSpreadElement(element) ? element.expression : element, state, frame),
      );
      const literals = values.every((value) => value.literals?.length === 1)
        ? values.map((value) => value.literals![0]!)
        : undefined;
      const positional = !node.elements.some(ts.isSpreadElement);
      return {
        ...mergeTaints(values),
        ...(literals ? { literals } : {}),
        ...(positional ? { items: values } : {}),
      };
    }
    if (ts.isTemplateExpression(node)) {
      const spans = node.templateSpans.map((span) =>
        this.expression(span.expression, state, frame),
      );
      const merged = mergeTaints(spans);
      // `s3://${bucket}/${key}` names a stored object by the same parts its write named.
      if (uriScheme.test(node.head.text)) {
        const parts = spans.map((span) => this.objectPart(span));
        if (parts.every((part) => part !== undefined)) {
          let uri = node.head.text;
          node.templateSpans.forEach((span, index) => {
            uri += parts[index]! + span.literal.text;
          });
          return { ...merged, path: joinPathKeys([uri]) };
        }
      }
      // `${dir}/train.jsonl` names a file when a part does (a temporary folder, a joined path).
      if (!spans.some((span) => span.path !== undefined)) {
        // A template of constants is a constant.
        if (!spans.every((span) => span.literals?.length === 1)) return merged;
        let text = node.head.text;
        node.templateSpans.forEach((span, index) => {
          text += spans[index]!.literals![0]! + span.literal.text;
        });
        return { ...merged, literals: [text] };
      }
      let text = node.head.text;
      node.templateSpans.forEach((span, index) => {
        const part = spans[index]!;
        text +=
          (part.path ?? (part.literals?.length === 1 ? part.literals[0] : '*')) + span.literal.text;
      });
      return { ...merged, path: text };
    }
    if (ts.isTaggedTemplateExpression(node)) {
      return this.expression(node.template as ts.Expression, state, frame);
    }
    if (ts.isPrefixUnaryExpression(node)) {
      const operand = this.expression(node.operand, state, frame);
      if (node.operator === ts.SyntaxKind.ExclamationToken && operand.tierTest) {
        const { subject, mask } = operand.tierTest;
        return { taints: [], tierTest: { subject, mask: this.all & ~mask } };
      }
      if (node.operator === ts.SyntaxKind.ExclamationToken && operand.check) {
        return { taints: [], check: { ...operand.check, negated: !operand.check.negated } };
      }
      if (node.operator === ts.SyntaxKind.ExclamationToken && (operand.truthy || operand.falsy)) {
        return {
          taints: [],
          ...(operand.falsy ? { truthy: operand.falsy } : {}),
          ...(operand.truthy ? { falsy: operand.truthy } : {}),
        };
      }
      return { taints: node.operator === ts.SyntaxKind.ExclamationToken ? [] : operand.taints };
    }
    if (ts.isPostfixUnaryExpression(node)) {
      this.expression(node.operand, state, frame);
      return emptyValue;
    }
    if (ts.isConditionalExpression(node)) {
      const before = new Map(state.subjects);
      const [whenTrue, whenFalse] = this.cond(node.condition, state, frame);
      // Data a branch produces carries the guards of that branch (`ok ? toRows(c) : []`).
      const a = this.stampBranch(this.expression(node.whenTrue, whenTrue, frame), whenTrue);
      const b = this.stampBranch(this.expression(node.whenFalse, whenFalse, frame), whenFalse);
      this.replace(state, joinStates([whenTrue, whenFalse]));
      const joined = joinValues(a, b);
      // `ok ? row : undefined` is truthy only where the condition held.
      const onlyWhen = isFalsyLiteral(node.whenFalse)
        ? isFalsyLiteral(node.whenTrue)
          ? undefined
          : whenTrue
        : isFalsyLiteral(node.whenTrue)
          ? whenFalse
          : undefined;
      const truthy = onlyWhen ? this.changedFacts(before, onlyWhen) : undefined;
      return truthy ? { ...joined, truthy } : joined;
    }
    if (ts.isBinaryExpression(node)) return this.binary(node, state, frame);
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
      return { taints: [], closure: this.closure(node, state) };
    }
    if (ts.isSpreadElement(node)) return this.expression(node.expression, state, frame);
    if (ts.isYieldExpression(node)) {
      // A generator's yields are what its callers iterate: they count as returned values.
      const yielded = node.expression ? this.expression(node.expression, state, frame) : emptyValue;
      frame.returns.push({ value: this.stampValue(yielded, state), state: state.clone() });
      return emptyValue;
    }
    if (ts.isVoidExpression(node) || ts.isTypeOfExpression(node) || ts.isDeleteExpression(node)) {
      this.expression(node.expression, state, frame);
      return emptyValue;
    }
    if (ts.isClassExpression(node)) return emptyValue;
    return emptyValue;
  }

  protected identifier(node: ts.Identifier, state: State): Value {
    const own = state.env.get(node.text);
    if (own) return own;
    if (node.text === 'undefined') return emptyValue;
    const collection = moduleCollectionKey(node, (name) => this.host.oracle.declarationsOf(name));
    if (collection !== undefined) {
      // A module-level collection: what functions wrote into it, evaluated again when it grows.
      return { taints: this.host.file(collection, this.unit), identity: node.text };
    }
    const declarations = this.host.oracle.declarationsOf(node);
    const units = declarations
      .map((declaration) => this.host.unitOf(declaration))
      .filter((unit): unit is Unit => unit !== undefined);
    if (units.length > 0) return { taints: [], functions: units };
    const maker = this.capturedFrom(declarations);
    if (maker !== undefined) return { taints: [], identity: node.text, capturedFrom: maker };
    for (const declaration of declarations) {
      // A module-level `const` with literal values (tier lists, purpose ids).
      const initializer = constantInitializer(declaration);
      if (initializer) {
        const init = skipParens(initializer);
        if (ts.isStringLiteralLike(init)) return { taints: [], literals: [init.text] };
        // Route middleware created once at module level.
        if (ts.isCallExpression(init)) {
          const kind = this.host.classifier.classify(init);
          const purpose = literalText(init.arguments[0]);
          if (
            kind.kind === 'sdk' &&
            sdkEntry(kind.name)?.role === 'route-middleware' &&
            purpose !== undefined
          ) {
            return { taints: [], middleware: [purpose] };
          }
        }
        if (ts.isArrayLiteralExpression(init) && init.elements.every(ts.isStringLiteralLike)) {
          return {
            taints: [],
            literals: init.elements.map((element) => (element as ts.StringLiteral).text),
          };
        }
      }
    }
    return { taints: [], identity: node.text };
  }

  /**
   * The function whose parameter or local a name is, when this unit is a method of an object
   * literal that function builds (`makeFlusher(exchange)` returning `{ flush() { … } }`), or a
   * function it declares for such an object (`{ upload }`).
   */
  protected capturedFrom(declarations: readonly ts.Declaration[]): string | undefined {
    const own = this.unit.node;
    if (ts.isSourceFile(own) || this.unit.classNode !== undefined) return undefined;
    let object: ts.Node = own;
    if (ts.isPropertyAssignment(object.parent)) object = object.parent;
    const declared =
      ts.isFunctionDeclaration(own) ||
      (ts.isVariableDeclaration(own.parent) && own.parent.initializer === own);
    if (!ts.isObjectLiteralExpression(object.parent) && !declared) return undefined;
    for (const declaration of declarations) {
      let maker: ts.Node | undefined = declaration.parent;
      while (maker && !ts.isFunctionLike(maker)) maker = maker.parent;
      if (!maker || maker === own) continue;
      // The declaring function encloses this method.
      if (
        own.pos >= maker.pos &&
        own.end <= maker.end &&
        own.getSourceFile() === maker.getSourceFile()
      ) {
        const name = (maker as { name?: ts.Node }).name;
        return name && ts.isIdentifier(name) ? name.text : 'the function that built it';
      }
    }
    return undefined;
  }

  protected property(node: ts.PropertyAccessExpression, state: State, frame: Frame): Value {
    const name = node.name.text;
    const object = this.expression(node.expression, state, frame);
    if (object.decision) {
      if (name === sdkDecision.allowedField) return { taints: [], check: object.decision };
      if (name === sdkDecision.reasonField) return { taints: [], reasonOf: object.decision };
    }
    if (object.fields?.has(name)) return object.fields.get(name)!;
    const identity = object.identity;
    const childIdentity =
      identity === undefined ? undefined : ownerFields.has(name) ? identity : `${identity}.${name}`;
    const linked = identity !== undefined && ownerFields.has(name) ? true : object.linked;
    const base: { -readonly [K in keyof Value]: Value[K] } = { taints: [] };
    if (object.untraced !== undefined) base.untraced = object.untraced;
    if (object.capturedFrom !== undefined) base.capturedFrom = object.capturedFrom;
    if (isEnvironment(node.expression)) base.environment = shorten(node.getText());
    if (childIdentity !== undefined) base.identity = childIdentity;
    if (linked) base.linked = true;
    if (this.host.model.tierFields.has(name) && identity !== undefined) base.tierOf = identity;
    // A guard field declared in the policy (`user.settings.allowTraining`).
    const guard = this.fieldGuard(node);
    if (guard && identity !== undefined) {
      base.check = {
        subject: identity.split('.')[0]!,
        purposes: guard,
        mask: this.all,
        pending: false,
        negated: false,
        label: node.getText(),
        site: this.step(node, `\`${shorten(node.getText())}\` checks \`${guard.join(', ')}\``),
      };
    }
    if (node.expression.kind === ts.SyntaxKind.ThisKeyword && this.unit.classNode) {
      const local = state.env.get(`this.${name}`);
      const stored = this.host.fieldStore(this.unit.classNode, name);
      const taints = unionTaints(local?.taints ?? [], stored);
      return { ...(local ?? {}), ...base, taints, identity: `this.${name}` };
    }
    // A getter of an instance the caller built (`new Transcript(rows).jsonl`), or one this
    // function was handed (its callers resolve what the constructor stored).
    const read =
      object.instances ||
      (this.host.getterNames.has(name) &&
        object.taints.some((taint) => taint.param?.unit.id === this.unit.id && !taint.stored))
        ? this.getterRead(node, object)
        : undefined;
    if (read && read.taints.length > 0 && object.instances) return { ...base, taints: read.taints };
    const value = this.fieldRead(node, name, object, base);
    // Also what the handed instance's constructor stored, for the callers to resolve.
    return read && read.taints.length > 0
      ? { ...value, taints: unionTaints(value.taints, read.taints) }
      : value;
  }

  /** What reading field `name` of `object` gives, by the field's declaration and the object's data. */
  private fieldRead(
    node: ts.PropertyAccessExpression,
    name: string,
    object: Value,
    base: Value,
  ): Value {
    const identity = object.identity;
    const personal = this.personalProperty(node);
    if (object.taints.length === 0) {
      if (!personal) return base;
      if (object.capturedFrom !== undefined) {
        // Its guards are those of the code that called the function that built this object.
        return {
          ...base,
          untraced: `it is \`${shorten(node.getText())}\`, which this method reads from \`${object.capturedFrom}\`, the function that built its object, whose callers' checks the analysis does not follow here`,
        };
      }
      const subject = identity ?? '';
      return {
        ...base,
        personalContent: true,
        taints: [
          {
            key: `source:${this.locKey(node)}`,
            subject,
            categories: [personal],
            facts: unknownFacts(this.all),
            trail: [
              this.step(node, `\`${shorten(node.getText())}\` holds personal data (${personal})`),
            ],
          },
        ],
      };
    }
    // Whatever is read out of a personal field (`conversation.messages[0].text`) is personal too,
    // but for counts and booleans derived from it.
    const content = personal !== undefined || object.personalContent === true;
    if (content || this.typeIsPersonalOrUnknown(node)) {
      const taints = this.projected(object.taints, node, name, personal, content);
      if (taints.length === 0) return base;
      return { ...base, taints, ...(content ? { personalContent: true } : {}) };
    }
    if (this.isDerived(node, name)) return base;
    // A record whose data is known by field (a query's mapped columns), or a parameter whose
    // callers know: keep the data this field holds, and say which field it came through.
    const kept = this.fieldTaints(object.taints, name);
    return kept.length > 0 ? { ...base, taints: kept } : base;
  }

  /**
   * The data a field holds of a record whose data is known by field (a query's mapped
   * columns), and this function's parameters read through it (their callers know).
   */
  protected fieldTaints(taints: readonly Taint[], name: string): Taint[] {
    return taints.flatMap((taint): Taint[] => {
      if (taint.fields?.includes(name) || taint.fields?.includes('*'))
        return [{ ...taint, fields: ['*'] }];
      // Its categories are then the callers' to say, by what they pass in that field (or, for
      // what the class's constructor stored, by what the instance was built from).
      if (
        taint.param !== undefined &&
        (taint.param.unit.id === this.unit.id ||
          this.constructorOfClass(taint.param.unit as Unit)) &&
        !taint.fields
      )
        return [{ ...taint, via: taint.via ?? [name], categories: [] }];
      return [];
    });
  }

  protected fieldGuard(node: ts.PropertyAccessExpression): string[] | undefined {
    if (this.host.model.guards.size === 0) return undefined;
    const purposes: string[] = [];
    for (const declaration of this.host.oracle.declarationsOf(node)) {
      for (const mapping of this.host.model.guards.get(declaration) ?? []) {
        if (mapping.entry.guard === 'field-check') purposes.push(mapping.entry.purpose);
      }
    }
    return purposes.length > 0 ? purposes : undefined;
  }

  protected binary(node: ts.BinaryExpression, state: State, frame: Frame): Value {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.EqualsToken) {
      const value = this.expression(node.right, state, frame);
      this.assign(node.left, value, state, frame);
      return value;
    }
    if (
      operator === ts.SyntaxKind.AmpersandAmpersandToken ||
      operator === ts.SyntaxKind.BarBarToken ||
      operator === ts.SyntaxKind.QuestionQuestionToken
    ) {
      const before = new Map(state.subjects);
      let [whenTrue, whenFalse, left] =
        operator === ts.SyntaxKind.QuestionQuestionToken
          ? (() => {
              const value = this.expression(node.left, state, frame);
              return [state.clone(), state.clone(), value] as [State, State, Value];
            })()
          : this.condValue(node.left, state, frame);
      const continueIn = operator === ts.SyntaxKind.AmpersandAmpersandToken ? whenTrue : whenFalse;
      const right = this.expression(node.right, continueIn, frame);
      // What the value being truthy or falsy says, for a condition stored in a variable.
      let outcome: Pick<Value, 'truthy' | 'falsy'> = {};
      if (operator !== ts.SyntaxKind.QuestionQuestionToken) {
        const [rightTrue, rightFalse] = this.split(node.right, right, continueIn, true);
        const and = operator === ts.SyntaxKind.AmpersandAmpersandToken;
        const truthy = this.changedFacts(
          before,
          and ? rightTrue : joinStates([whenTrue, rightTrue]),
        );
        const falsy = this.changedFacts(
          before,
          and ? joinStates([whenFalse, rightFalse]) : rightFalse,
        );
        outcome = { ...(truthy ? { truthy } : {}), ...(falsy ? { falsy } : {}) };
      }
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken) whenTrue = continueIn;
      else whenFalse = continueIn;
      this.replace(state, joinStates([whenTrue, whenFalse]));
      const { tierTest: _tierTest, ...untested } = joinValues(left, right);
      // Tier tests join as a union, which is right for `||` only.
      const joined: Value = {
        ...(operator === ts.SyntaxKind.AmpersandAmpersandToken
          ? untested
          : joinValues(left, right)),
        ...outcome,
      };
      if (
        operator === ts.SyntaxKind.AmpersandAmpersandToken &&
        right.check &&
        !right.check.negated
      ) {
        return { ...joined, check: right.check };
      }
      return joined;
    }
    if (
      operator === ts.SyntaxKind.PlusEqualsToken ||
      operator === ts.SyntaxKind.BarBarEqualsToken ||
      operator === ts.SyntaxKind.QuestionQuestionEqualsToken
    ) {
      const left = this.expression(node.left, state, frame);
      const right = this.expression(node.right, state, frame);
      const value = mergeTaints([left, right]);
      this.assign(node.left, value, state, frame);
      return value;
    }
    const left = this.expression(node.left, state, frame);
    const right = this.expression(node.right, state, frame);
    if (operator === ts.SyntaxKind.PlusToken) return mergeTaints([left, right]);
    const comparison = comparisonOf(operator);
    if (comparison !== undefined) {
      const equality = comparison === 'equal';
      const tierSide =
        left.tierOf !== undefined ? left : right.tierOf !== undefined ? right : undefined;
      const literalSide = tierSide === left ? right : left;
      if (tierSide?.tierOf !== undefined && literalSide.literals) {
        const mask = this.tierMask(literalSide.literals);
        return {
          taints: [],
          tierTest: { subject: tierSide.tierOf, mask: equality ? mask : this.all & ~mask },
        };
      }
    }
    if (operator === ts.SyntaxKind.CommaToken) return right;
    return emptyValue;
  }

  protected assign(target: ts.Expression, value: Value, state: State, frame: Frame): void {
    const node = skipParens(target);
    if (ts.isIdentifier(node)) {
      this.assignName(node.text, value, state, node);
      const collection = moduleCollectionKey(node, (name) => this.host.oracle.declarationsOf(name));
      if (collection !== undefined && value.taints.length > 0) {
        this.host.writeFile(
          collection,
          this.stamp(value.taints, state).map((taint) => ({
            ...taint,
            trail: extendTrail(
              taint.trail,
              this.step(node, `stored in the module-level \`${node.text}\``),
            ),
          })),
        );
      }
      return;
    }
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const object = skipParens(node.expression);
      const name = ts.isPropertyAccessExpression(node) ? node.name.text : undefined;
      if (object.kind === ts.SyntaxKind.ThisKeyword && name !== undefined) {
        this.writeField(name, value, state, node);
        return;
      }
      if (ts.isIdentifier(object)) {
        const current = state.env.get(object.text) ?? { taints: [], identity: object.text };
        const fields = new Map(current.fields ?? []);
        if (name !== undefined) fields.set(name, value);
        state.env.set(object.text, {
          ...current,
          taints: unionTaints(current.taints, this.stamp(value.taints, state)),
          ...(name !== undefined ? { fields } : {}),
        });
        return;
      }
      this.expression(node.expression, state, frame);
      return;
    }
    if (ts.isObjectLiteralExpression(node) || ts.isArrayLiteralExpression(node)) {
      // Destructuring assignment: every target gets the whole value, conservatively.
      for (const element of ts.isObjectLiteralExpression(node) ? node.properties : node.elements) {
        if (ts.isShorthandPropertyAssignment(element))
          this.assignName(element.name.text, value, state, element.name);
        else if (ts.isPropertyAssignment(element))
          this.assign(element.initializer, value, state, frame);
        else if (ts.isSpreadAssignment(element) || ts.isSpreadElement(element))
          this.assign(element.expression, value, state, frame);
        else if (ts.isExpression(element)) this.assign(element, value, state, frame);
      }
    }
  }

  /** Binds a name to a value; a reassigned name's earlier guard facts no longer hold. */
  protected assignName(name: string, value: Value, state: State, _at: ts.Node): void {
    const identity = value.identity ?? name;
    const taints = value.taints.map((taint) =>
      taint.subject === '' ? { ...taint, subject: identity } : taint,
    );
    if (identity === name && state.env.has(name)) {
      for (const key of [...state.subjects.keys()]) {
        if (key === name || key.startsWith(`${name}.`)) state.subjects.delete(key);
      }
    }
    state.env.set(name, { ...value, taints, identity });
  }

  protected writeField(name: string, value: Value, state: State, at: ts.Node): void {
    const stamped = this.stamp(value.taints, state).map((taint) => ({
      ...taint,
      trail: extendTrail(taint.trail, this.step(at, `stored in \`this.${name}\``)),
    }));
    const local = state.env.get(`this.${name}`);
    state.env.set(`this.${name}`, {
      ...value,
      taints: unionTaints(local?.taints ?? [], stamped),
      identity: `this.${name}`,
    });
    const classNode = this.unit.classNode;
    if (!classNode || stamped.length === 0) return;
    const byField = this.fieldWrites.get(classNode) ?? new Map<string, Taint[]>();
    byField.set(name, unionTaints(byField.get(name) ?? [], stamped));
    this.fieldWrites.set(classNode, byField);
  }

  protected bindPattern(pattern: ts.BindingName, value: Value, state: State, at: ts.Node): void {
    if (ts.isIdentifier(pattern)) {
      this.assignName(pattern.text, value, state, pattern);
      return;
    }
    if (ts.isObjectBindingPattern(pattern)) {
      for (const element of pattern.elements) {
        if (element.dotDotDotToken) {
          // `...rest` keeps personal data only if its type still holds personal fields.
          const keeps =
            value.taints.length > 0 &&
            (value.personalContent === true || this.typeIsPersonalOrUnknown(element.name));
          const remaining = restFields(pattern, value);
          // A record known by field (a query's row): the rest keeps the data of the fields left in it.
          const named = pattern.elements
            .filter((other) => !other.dotDotDotToken)
            .map((other) => (other.propertyName ?? other.name).getText());
          const byField = value.taints.filter(
            (taint) =>
              taint.fields?.includes('*') || taint.fields?.some((field) => !named.includes(field)),
          );
          if (!keeps && byField.length > 0 && !value.fields) {
            this.bindPattern(element.name, { taints: byField }, state, element);
            continue;
          }
          if (!keeps && remaining && remaining.taints.length > 0) {
            // The fields of a local object literal that the pattern leaves in the rest.
            this.bindPattern(element.name, remaining, state, element);
            continue;
          }
          this.bindPattern(element.name, keeps ? value : { taints: [] }, state, element);
          continue;
        }
        const key =
          element.propertyName && ts.isIdentifier(element.propertyName)
            ? element.propertyName.text
            : ts.isIdentifier(element.name)
              ? element.name.text
              : undefined;
        let member: Value = value.fields?.get(key ?? '') ?? emptyValue;
        if (
          value.decision &&
          (key === sdkDecision.allowedField || key === sdkDecision.reasonField)
        ) {
          // `const { allowed } = await consent.decide(user, purpose)`.
          member =
            key === sdkDecision.allowedField
              ? { taints: [], check: value.decision }
              : { taints: [], reasonOf: value.decision };
        } else if (!value.fields?.has(key ?? '')) {
          const personal = this.personalBinding(element);
          const identity = value.identity;
          member = {
            taints: this.projected(
              value.taints,
              element.name,
              key,
              personal,
              value.personalContent === true,
            ),
            ...(identity !== undefined && key !== undefined
              ? { identity: ownerFields.has(key) ? identity : `${identity}.${key}` }
              : {}),
            ...(key !== undefined && this.host.model.tierFields.has(key) && identity !== undefined
              ? { tierOf: identity }
              : {}),
          };
          if (member.taints.length === 0 && personal && value.taints.length === 0) {
            member = {
              ...member,
              taints: [
                {
                  key: `source:${this.locKey(element)}`,
                  subject: value.identity ?? '',
                  categories: [personal],
                  facts: unknownFacts(this.all),
                  trail: [this.step(element, `\`${key}\` holds personal data (${personal})`)],
                },
              ],
            };
          }
        }
        this.bindPattern(element.name, member, state, element);
      }
      return;
    }
    for (const element of pattern.elements) {
      if (ts.isOmittedExpression(element)) continue;
      this.bindPattern(element.name, this.element(value, undefined), state, at);
    }
  }

  protected objectLiteral(node: ts.ObjectLiteralExpression, state: State, frame: Frame): Value {
    const fields = new Map<string, Value>();
    const parts: Value[] = [];
    for (const property of node.properties) {
      if (ts.isPropertyAssignment(property)) {
        const value = this.expression(property.initializer, state, frame);
        const key = propertyKey(property.name);
        if (key !== undefined) fields.set(key, value);
        parts.push(value);
      } else if (ts.isShorthandPropertyAssignment(property)) {
        const value = this.identifier(property.name, state);
        fields.set(property.name.text, value);
        parts.push(value);
      } else if (ts.isSpreadAssignment(property)) {
        const value = this.expression(property.expression, state, frame);
        for (const [key, field] of value.fields ?? []) fields.set(key, field);
        parts.push(value);
      } else if (
        ts.isMethodDeclaration(property) &&
        property.body &&
        this.host.unitOf(property) === undefined
      ) {
        // A method of an object literal that is no unit of its own (an options object's
        // `async onRow(row) { … }`) is a function value, as an arrow written there is.
        const key = propertyKey(property.name);
        if (key !== undefined)
          fields.set(key, { taints: [], closure: this.closure(property, state) });
      }
      // Methods of an object literal at module level, or written to implement a type, are
      // summarised as their own units; accessors are read as the object's data.
    }
    const idField = recordIdFields
      .map((field) => fields.get(field))
      .find((field) => field !== undefined);
    return {
      ...mergeTaints(parts),
      fields,
      ...(idField?.identity !== undefined ? { identity: idField.identity, linked: true } : {}),
    };
  }

  protected closure(node: ts.SignatureDeclaration, state: State): Closure {
    const unstable = new Set<string>();
    const container = enclosingFunctionBody(node);
    if (container) {
      // `let` bindings assigned after the closure is created may hold another subject when it runs;
      // so may bindings the closure itself assigns.
      walk(container, undefined, (child) => {
        if (
          ts.isBinaryExpression(child) &&
          child.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
          ts.isIdentifier(child.left) &&
          (child.getStart() > node.getEnd() || (child.pos >= node.pos && child.end <= node.end))
        ) {
          unstable.add(child.left.text);
        }
        return undefined;
      });
    }
    return { node, env: new Map(state.env), subjects: new Map(state.subjects), unstable };
  }

  protected awaited(value: Value, state: State): Value {
    let result = value;
    if (value.check?.pending) result = { ...result, check: { ...value.check, pending: false } };
    if (value.decision?.pending)
      result = { ...result, decision: { ...value.decision, pending: false } };
    if (value.assertion?.pending) {
      this.allowCheck(state, value.assertion);
      const { assertion: _assertion, ...rest } = result;
      result = rest;
    }
    return result;
  }
}

/** The last names of the environment objects (`env` of `process.env`): a cheap filter. */
const environmentNames = new Set([...environmentObjects].map((path) => path.split('.').pop()));

/** Whether an expression is the process's environment (`process.env`), as written. */
function isEnvironment(node: ts.Expression): boolean {
  const inner = skipParens(node);
  return (
    ts.isPropertyAccessExpression(inner) &&
    environmentNames.has(inner.name.text) &&
    environmentObjects.has(inner.getText())
  );
}
