// Form libraries take the Standard Schema with no cast under --strict: the
// field values are inferred from its input type (CustomerUpdate).
import { useForm, type UseFormReturn } from 'react-hook-form';
import { standardSchemaResolver } from '@hookform/resolvers/standard-schema';
import { FormApi } from '@tanstack/form-core';
import { updateStandardSchema, type Customer, type CustomerUpdate } from 'ic-customer-contract';

// react-hook-form 7 with @hookform/resolvers: inferred from the resolver, and with the type spelled out.
export function useCustomerForm(current: Customer): UseFormReturn<CustomerUpdate> {
  return useForm({ resolver: standardSchemaResolver(updateStandardSchema(current)) });
}
export function useTypedForm(current: Customer) {
  return useForm<CustomerUpdate>({
    resolver: standardSchemaResolver(updateStandardSchema(current)),
    defaultValues: { fullName: current.full_name },
  });
}

// TanStack Form: the schema as a form validator.
const defaultValues: CustomerUpdate = { fullName: '', email: '' };
export const form = new FormApi({ defaultValues, validators: { onChange: updateStandardSchema() } });
