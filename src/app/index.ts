import { AccessPolicy } from './access-policy';
import { DecisionService } from './decision-service';
import { MeetingService } from './meeting-service';
import type { Clock, Repositories } from './ports';
import { RiskService } from './risk-service';

export interface Services {
  meetings: MeetingService;
  decisions: DecisionService;
  risks: RiskService;
}

/** Wires the use cases to their ports. */
export function createServices(repos: Repositories, clock: Clock): Services {
  const policy = new AccessPolicy(repos);
  const meetings = new MeetingService(repos, policy, clock);
  return {
    meetings,
    decisions: new DecisionService(repos, meetings, policy, clock),
    risks: new RiskService(repos, meetings, policy, clock),
  };
}
