// inside handle() of a PermissionPolicy, after the user's ownership refs are known
import { UserInfoService } from '@backstage/backend-plugin-api';
import { AuthorizeResult, PolicyDecision } from '@backstage/plugin-permission-common';
import { PermissionPolicy, PolicyQuery, PolicyQueryUser } from '@backstage/plugin-permission-node';

export class ExamplePolicy implements PermissionPolicy {
  constructor(private readonly userInfo: UserInfoService) {}

  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(user.credentials);
/*SNIPPET*/
    return { result: AuthorizeResult.ALLOW };
  }
}
