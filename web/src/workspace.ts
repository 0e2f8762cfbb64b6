import { createContext, useContext } from 'react';
import { Api, Labels } from './api';
import { Session } from './auth';

export interface Workspace {
  session: Session;
  api: Api;
  labels: Labels;
  signOut(): void;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside a signed-in workspace');
  return workspace;
}
