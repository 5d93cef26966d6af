// Request and answer types of the HQ business partner routes, from the generated schema.
import type { paths } from '../api/schema.d.ts';
import type { CustomerHierarchy } from '../api/client.ts';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type NewCustomerBody = Json<paths['/api/hq/customers']['post']['requestBody']>;
export type NewHierarchyBody = Json<paths['/api/hq/customer-hierarchies']['post']['requestBody']>;
export type HierarchyMember = CustomerHierarchy['members'][number];
export type CustomerType = NewCustomerBody['type'];
