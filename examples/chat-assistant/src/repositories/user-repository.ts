import type { User } from '../domain.js';

/** Stores user accounts. */
export interface UserRepository {
  save(user: User): Promise<void>;
  findById(id: string): Promise<User | undefined>;
  list(): Promise<readonly User[]>;
}

/** A `UserRepository` kept in memory, in sign-up order. */
export class InMemoryUserRepository implements UserRepository {
  readonly #users = new Map<string, User>();

  async save(user: User): Promise<void> {
    this.#users.set(user.id, user);
  }

  async findById(id: string): Promise<User | undefined> {
    return this.#users.get(id);
  }

  async list(): Promise<readonly User[]> {
    return [...this.#users.values()];
  }
}
