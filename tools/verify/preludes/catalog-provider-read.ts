// src/provider/InventoryProvider.ts as `yarn new` (catalog-provider-module,
// moduleId inventory) generates it, with read() replaced by the sample
import { Config } from '@backstage/config';
import { DeferredEntity, EntityProvider, EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { randomUUID } from 'node:crypto';
import { readProviderConfigs } from './readProviderConfigs';
import { LoggerService, SchedulerService, SchedulerServiceTaskRunner } from '@backstage/backend-plugin-api';

export type InventoryProviderOptions = {
  logger: LoggerService;
  scheduler: SchedulerService;
};

export class InventoryProvider implements EntityProvider {
  static fromConfig(configRoot: Config, options: InventoryProviderOptions): InventoryProvider[] {
    return readProviderConfigs(configRoot).map(providerConfig => {
      return new InventoryProvider({
        id: providerConfig.id,
        target: providerConfig.target,
        logger: options.logger,
        taskRunner: options.scheduler.createScheduledTaskRunner(providerConfig.schedule),
      });
    });
  }

  readonly #id: string;
  readonly #target: string;
  readonly #logger: LoggerService;
  readonly #taskRunner: SchedulerServiceTaskRunner;

  constructor(options: { id: string; target: string; logger: LoggerService; taskRunner: SchedulerServiceTaskRunner }) {
    this.#id = options.id;
    this.#target = options.target;
    this.#logger = options.logger;
    this.#taskRunner = options.taskRunner;
  }

  getProviderName() {
    return `InventoryProvider:${this.#id}`;
  }

  async connect(connection: EntityProviderConnection) {
    const id = `${this.getProviderName()}:refresh`;
    await this.#taskRunner.run({
      id,
      fn: async () => {
        const logger = this.#logger.child({ taskId: id, taskInstanceId: randomUUID() });
        try {
          const entities = await this.read({ logger });
          logger.info(`Read ${entities.length} entities`);
          await connection.applyMutation({ type: 'full', entities });
        } catch (error) {
          logger.error(`Refresh failed`, error as Error);
        }
      },
    });
  }

/*SNIPPET*/
}
