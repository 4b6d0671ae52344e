import { ts } from 'ts-morph';
import { sdkDecision } from '../../catalogue/sdk.js';
import { bodyOf } from '../units.js';
import { emptyValue, type Value } from '../values.js';
import { Sinks } from './sinks.js';
import { type Frame, joinStates, State } from './state.js';
import { skipParens } from './syntax.js';

/** Statements: blocks, `if`, `switch`, `try`, loops and the exits they take. */
export abstract class Statements extends Sinks {
  protected body(node: ts.SignatureDeclaration, state: State, frame: Frame): State {
    const body = bodyOf(node);
    if (!body) return state;
    if (ts.isBlock(body)) return this.block(body.statements, state, frame);
    const value = this.expression(body, state, frame);
    frame.returns.push({ value, state: state.clone(), expression: body });
    return State.unreachable();
  }

  protected block(statements: readonly ts.Statement[], state: State, frame: Frame): State {
    let current = state;
    // Function declarations are hoisted: they see the state at the start of the block.
    for (const statement of statements) {
      if (
        ts.isFunctionDeclaration(statement) &&
        statement.name &&
        !ts.isSourceFile(statement.parent)
      ) {
        current.env.set(statement.name.text, {
          taints: [],
          closure: this.closure(statement, current),
        });
      }
    }
    for (const statement of statements) {
      if (!current.reachable) break;
      current = this.statement(statement, current, frame);
    }
    return current;
  }

  protected statement(node: ts.Statement, state: State, frame: Frame): State {
    this.budget.enter(node);
    const after = this.execute(node, state, frame);
    this.budget.leave();
    return after;
  }

  private execute(node: ts.Statement, state: State, frame: Frame): State {
    if (ts.isBlock(node)) return this.block(node.statements, state, frame);
    if (ts.isExpressionStatement(node)) {
      this.expressionStatement(node.expression, state, frame);
      return state;
    }
    // A module runs the call it exports the result of (`export default fp(async (app) => …)`).
    if (ts.isExportAssignment(node) && ts.isCallExpression(node.expression)) {
      this.expressionStatement(node.expression, state, frame);
      return state;
    }
    if (ts.isVariableStatement(node)) {
      for (const declaration of node.declarationList.declarations) {
        this.declare(declaration, state, frame);
      }
      return state;
    }
    if (ts.isReturnStatement(node)) {
      let value = node.expression ? this.expression(node.expression, state, frame) : emptyValue;
      if (!this.unit.isAsync || !value.check) value = this.stampValue(value, state);
      frame.returns.push({
        value,
        state: state.clone(),
        ...(node.expression ? { expression: node.expression } : {}),
      });
      return State.unreachable();
    }
    if (ts.isThrowStatement(node)) {
      this.expression(node.expression, state, frame);
      frame.throws[frame.throws.length - 1]?.push(state.clone());
      return State.unreachable();
    }
    if (ts.isIfStatement(node)) {
      const [whenTrue, whenFalse] = this.cond(node.expression, state, frame);
      const afterThen = this.statement(node.thenStatement, whenTrue, frame);
      const afterElse = node.elseStatement
        ? this.statement(node.elseStatement, whenFalse, frame)
        : whenFalse;
      return joinStates([afterThen, afterElse]);
    }
    if (ts.isSwitchStatement(node)) return this.switchStatement(node, state, frame);
    if (ts.isTryStatement(node)) return this.tryStatement(node, state, frame);
    if (
      ts.isForOfStatement(node) ||
      ts.isForInStatement(node) ||
      ts.isForStatement(node) ||
      ts.isWhileStatement(node) ||
      ts.isDoStatement(node)
    ) {
      return this.loop(node, state, frame);
    }
    if (ts.isBreakStatement(node)) {
      frame.breaks[frame.breaks.length - 1]?.push(state.clone());
      return State.unreachable();
    }
    if (ts.isContinueStatement(node)) {
      frame.continues[frame.continues.length - 1]?.push(state.clone());
      return State.unreachable();
    }
    if (ts.isLabeledStatement(node)) return this.statement(node.statement, state, frame);
    if (ts.isFunctionDeclaration(node)) {
      if (node.name && !ts.isSourceFile(node.parent)) {
        state.env.set(node.name.text, { taints: [], closure: this.closure(node, state) });
      }
      return state;
    }
    return state;
  }

  protected expressionStatement(expression: ts.Expression, state: State, frame: Frame): void {
    const value = this.expression(expression, state, frame);
    const inner = skipParens(expression);
    const awaited = ts.isAwaitExpression(inner);
    const call = awaited ? skipParens(inner.expression) : inner;
    if (!ts.isCallExpression(call)) return;
    const check = value.check ?? value.decision;
    if (check && !check.negated) {
      this.emitCheck(call, 'result-unused', check.purposes);
    } else if (value.assertion?.pending) {
      this.emitCheck(call, 'not-awaited', value.assertion.purposes);
    }
  }

  protected declare(declaration: ts.VariableDeclaration, state: State, frame: Frame): void {
    const value = declaration.initializer
      ? this.expression(declaration.initializer, state, frame)
      : emptyValue;
    if (ts.isIdentifier(declaration.name)) {
      this.assignName(declaration.name.text, value, state, declaration.name);
    } else {
      this.bindPattern(declaration.name, value, state, declaration);
    }
  }

  protected switchStatement(node: ts.SwitchStatement, state: State, frame: Frame): State {
    const discriminant = this.expression(node.expression, state, frame);
    frame.breaks.push([]);
    let fallthrough = State.unreachable();
    const named: number[] = [];
    let after = State.unreachable();
    let hasDefault = false;
    for (const clause of node.caseBlock.clauses) {
      let entry: State;
      if (ts.isCaseClause(clause)) {
        const label = this.expression(clause.expression, state.clone(), frame);
        entry = state.clone();
        const literal = label.literals?.[0];
        if (literal !== undefined && discriminant.tierOf !== undefined) {
          const mask = this.host.model.tierMask(literal);
          named.push(mask);
          this.restrict(entry, discriminant.tierOf, mask);
        } else if (literal !== undefined && discriminant.reasonOf) {
          if (sdkDecision.allowingReasons.has(literal))
            this.allowCheck(entry, discriminant.reasonOf);
        } else if (label.bool === true && discriminant.check) {
          this.allowCheck(entry, discriminant.check);
        }
      } else {
        hasDefault = true;
        entry = state.clone();
        if (discriminant.tierOf !== undefined) {
          const mask = named.reduce((all, one) => all | one, 0);
          this.restrict(entry, discriminant.tierOf, this.all & ~mask);
        }
      }
      const start = joinStates([entry, fallthrough]);
      fallthrough = this.block(clause.statements, start, frame);
    }
    after = joinStates([fallthrough, ...(frame.breaks.pop() ?? [])]);
    if (!hasDefault) {
      const rest = state.clone();
      if (discriminant.tierOf !== undefined) {
        const mask = named.reduce((all, one) => all | one, 0);
        this.restrict(rest, discriminant.tierOf, this.all & ~mask);
      }
      after = joinStates([after, rest]);
    }
    return after;
  }

  protected tryStatement(node: ts.TryStatement, state: State, frame: Frame): State {
    const entry = state.clone();
    const exits = exitCounts(frame);
    frame.throws.push([]);
    const afterTry = this.block(node.tryBlock.statements, state, frame);
    const thrown = frame.throws.pop() ?? [];
    let afterCatch = State.unreachable();
    if (node.catchClause) {
      // Anything in the try block may throw, before or after its checks: the catch starts unguarded.
      const catchEntry = joinStates([entry, ...thrown]);
      if (
        node.catchClause.variableDeclaration &&
        ts.isIdentifier(node.catchClause.variableDeclaration.name)
      ) {
        catchEntry.env.set(node.catchClause.variableDeclaration.name.text, emptyValue);
      }
      afterCatch = this.block(node.catchClause.block.statements, catchEntry, frame);
    } else {
      frame.throws[frame.throws.length - 1]?.push(...thrown);
    }
    const after = joinStates([afterTry, afterCatch]);
    if (node.finallyBlock) {
      // The finally block also runs when the try or catch block throws (anywhere in it, so
      // from its start on), returns, breaks or continues: before their checks, too.
      const leaving = exitsSince(frame, exits);
      this.block(node.finallyBlock.statements, joinStates([entry, ...thrown, ...leaving]), frame);
      if (!after.reachable) return after;
      return this.block(node.finallyBlock.statements, after, frame);
    }
    return after;
  }

  protected loop(
    node:
      | ts.ForOfStatement
      | ts.ForInStatement
      | ts.ForStatement
      | ts.WhileStatement
      | ts.DoStatement,
    state: State,
    frame: Frame,
  ): State {
    let iterable: Value | undefined;
    if (ts.isForOfStatement(node) || ts.isForInStatement(node)) {
      iterable = this.expression(node.expression, state, frame);
    } else if (ts.isForStatement(node) && node.initializer) {
      if (ts.isVariableDeclarationList(node.initializer)) {
        for (const declaration of node.initializer.declarations)
          this.declare(declaration, state, frame);
      } else {
        this.expression(node.initializer, state, frame);
      }
    }
    let head = state;
    let exits: State[] = [];
    // Two passes let values written in one iteration reach the next.
    // Deeply nested loops get one pass each, so the walk stays linear.
    const passes = frame.continues.length < 3 ? 2 : 1;
    for (let pass = 0; pass < passes; pass++) {
      let bodyEntry = head.clone();
      let exitState = head.clone();
      if (ts.isWhileStatement(node) || (ts.isForStatement(node) && node.condition)) {
        const condition = ts.isWhileStatement(node) ? node.expression : node.condition!;
        [bodyEntry, exitState] = this.cond(condition, head.clone(), frame);
      }
      if ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && iterable) {
        const element = ts.isForInStatement(node) ? emptyValue : iterable;
        const initializer = node.initializer;
        if (ts.isVariableDeclarationList(initializer)) {
          const declaration = initializer.declarations[0];
          if (declaration) {
            if (ts.isIdentifier(declaration.name)) {
              this.assignName(
                declaration.name.text,
                this.element(element, declaration.name.text),
                bodyEntry,
                declaration.name,
              );
            } else {
              this.bindPattern(
                declaration.name,
                this.element(element, undefined),
                bodyEntry,
                declaration,
              );
            }
          }
        } else if (ts.isIdentifier(initializer)) {
          this.assignName(
            initializer.text,
            this.element(element, initializer.text),
            bodyEntry,
            initializer,
          );
        }
      }
      frame.breaks.push([]);
      frame.continues.push([]);
      let end = this.statement(node.statement, bodyEntry, frame);
      const breaks = frame.breaks.pop() ?? [];
      const continues = frame.continues.pop() ?? [];
      end = joinStates([end, ...continues]);
      if (ts.isForStatement(node) && node.incrementor && end.reachable)
        this.expression(node.incrementor, end, frame);
      if (ts.isDoStatement(node) && end.reachable) {
        const [again, out] = this.cond(node.expression, end, frame);
        exits = [out, ...breaks];
        head = joinStates([head, again]);
        continue;
      }
      exits = [exitState, end, ...breaks];
      head = joinStates([state, end]);
    }
    return joinStates(exits);
  }
}

/** How many returns, breaks and continues the frame holds so far (innermost loop or switch). */
function exitCounts(frame: Frame): readonly [number, number, number] {
  return [
    frame.returns.length,
    frame.breaks.at(-1)?.length ?? 0,
    frame.continues.at(-1)?.length ?? 0,
  ];
}

/** The states of the returns, breaks and continues added to the frame since `counts`. */
function exitsSince(frame: Frame, counts: readonly [number, number, number]): State[] {
  return [
    ...frame.returns.slice(counts[0]).map((exit) => exit.state),
    ...(frame.breaks.at(-1)?.slice(counts[1]) ?? []),
    ...(frame.continues.at(-1)?.slice(counts[2]) ?? []),
  ];
}
