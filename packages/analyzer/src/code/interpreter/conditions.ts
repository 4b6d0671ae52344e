import { ts } from 'ts-morph';
import { membershipMethods } from '../../catalogue/builtins.js';
import { sdkDecision } from '../../catalogue/sdk.js';
import { joinFacts } from '../lattice.js';
import { emptyValue, type Value } from '../values.js';
import { type Frame, joinStates, type State } from './state.js';
import { Statements } from './statements.js';
import {
  boolLiteral,
  comparisonOf,
  isIdLike,
  isStructuralCondition,
  skipParens,
} from './syntax.js';

/** Conditions: how a test splits a path into where it holds and where it does not. */
export abstract class Conditions extends Statements {
  /** Splits a state by a condition: the state where it is true and where it is false. */
  protected cond(expression: ts.Expression, state: State, frame: Frame): [State, State] {
    const node = skipParens(expression);
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      const [whenTrue, whenFalse] = this.cond(node.operand, state, frame);
      return [whenFalse, whenTrue];
    }
    if (ts.isBinaryExpression(node)) {
      const operator = node.operatorToken.kind;
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken) {
        const [leftTrue, leftFalse] = this.cond(node.left, state, frame);
        const [bothTrue, rightFalse] = this.cond(node.right, leftTrue, frame);
        return [bothTrue, joinStates([leftFalse, rightFalse])];
      }
      if (operator === ts.SyntaxKind.BarBarToken) {
        const [leftTrue, leftFalse] = this.cond(node.left, state, frame);
        const [rightTrue, bothFalse] = this.cond(node.right, leftFalse, frame);
        return [joinStates([leftTrue, rightTrue]), bothFalse];
      }
      const comparison = comparisonOf(operator);
      if (comparison !== undefined) {
        const equality = comparison === 'equal';
        const boolSide = boolLiteral(node.right) ?? boolLiteral(node.left);
        if (boolSide !== undefined) {
          const other = boolLiteral(node.right) !== undefined ? node.left : node.right;
          const [whenTrue, whenFalse] = this.cond(other, state, frame);
          const same = boolSide === equality;
          return same ? [whenTrue, whenFalse] : [whenFalse, whenTrue];
        }
        const left = this.expression(node.left, state, frame);
        const right = this.expression(node.right, state, frame);
        const whenEqual = state.clone();
        const whenDifferent = state.clone();
        const tierSide =
          left.tierOf !== undefined ? left : right.tierOf !== undefined ? right : undefined;
        const literalSide = tierSide === left ? right : left;
        if (tierSide?.tierOf !== undefined && literalSide.literals) {
          const mask = literalSide.literals.reduce(
            (all, tier) => all | this.host.model.tierMask(tier),
            0,
          );
          this.restrict(whenEqual, tierSide.tierOf, mask);
          this.restrict(whenDifferent, tierSide.tierOf, this.all & ~mask);
        }
        if (
          isIdLike(node.left) &&
          isIdLike(node.right) &&
          left.identity !== undefined &&
          right.identity !== undefined
        ) {
          this.alias(whenEqual, left.identity, right.identity);
        }
        const reasonSide = left.reasonOf ? left : right.reasonOf ? right : undefined;
        const reasonLiteral = reasonSide === left ? right : left;
        if (
          reasonSide?.reasonOf &&
          reasonLiteral.literals?.every((reason) => sdkDecision.allowingReasons.has(reason))
        ) {
          this.allowCheck(whenEqual, reasonSide.reasonOf);
        }
        return equality ? [whenEqual, whenDifferent] : [whenDifferent, whenEqual];
      }
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      if (membershipMethods.has(method) && node.arguments.length === 1) {
        const list = this.expression(node.expression.expression, state, frame);
        const item = this.expression(node.arguments[0]!, state, frame);
        if (item.tierOf !== undefined && list.literals) {
          const mask = list.literals.reduce((all, tier) => all | this.host.model.tierMask(tier), 0);
          const whenTrue = state.clone();
          const whenFalse = state.clone();
          this.restrict(whenTrue, item.tierOf, mask);
          this.restrict(whenFalse, item.tierOf, this.all & ~mask);
          return [whenTrue, whenFalse];
        }
        // Membership in a collection that a consent filter produced: the item passed the filter.
        const whenTrue = state.clone();
        if (item.identity !== undefined && list.taints.length > 0) {
          const [first, ...rest] = list.taints.map((taint) => taint.facts);
          const common = rest.reduce(joinFacts, first!);
          for (const [purpose, mask] of common.allowed) {
            if ((mask & common.possible) === common.possible) {
              this.allow(whenTrue, item.identity, [purpose], this.all);
            }
          }
        }
        return [whenTrue, state.clone()];
      }
    }
    return this.split(node, this.expression(node, state, frame), state);
  }

  /** A condition's outcome and, for plain expressions, its value, evaluating it once. */
  protected condValue(
    expression: ts.Expression,
    state: State,
    frame: Frame,
  ): [State, State, Value] {
    const node = skipParens(expression);
    if (isStructuralCondition(node)) {
      const [whenTrue, whenFalse] = this.cond(node, state, frame);
      return [whenTrue, whenFalse, emptyValue];
    }
    const value = this.expression(node, state, frame);
    const [whenTrue, whenFalse] = this.split(node, value, state);
    return [whenTrue, whenFalse, value];
  }

  protected split(node: ts.Node, value: Value, state: State, quiet = false): [State, State] {
    const whenTrue = state.clone();
    const whenFalse = state.clone();
    if (value.truthy) this.meetAll(whenTrue, value.truthy);
    if (value.falsy) this.meetAll(whenFalse, value.falsy);
    if (value.tierTest) {
      this.restrict(whenTrue, value.tierTest.subject, value.tierTest.mask);
      this.restrict(whenFalse, value.tierTest.subject, this.all & ~value.tierTest.mask);
    }
    if (value.check) {
      if (value.check.pending) {
        if (!quiet) this.emitCheck(node, 'promise-as-condition', value.check.purposes);
      } else if (value.check.negated) {
        this.allowCheck(whenFalse, value.check);
      } else {
        this.allowCheck(whenTrue, value.check);
      }
    }
    return [whenTrue, whenFalse];
  }
}
