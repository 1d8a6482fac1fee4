using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace DeviceFirmware.Tests.Host.AppAgainstStubs;

/// <summary>
/// Lists every place where an assembly's metadata uses generics: generic parameters, method
/// instantiations, and any signature (type specification, member reference, method, field, local
/// variables) that contains a generic instantiation. nanoFramework 1.x has no generics at all.
/// </summary>
internal static class GenericUseFinder
{
    public static List<string> Find(MetadataReader reader)
    {
        List<string> uses = new List<string>();
        ContainsGeneric provider = new ContainsGeneric();

        if (reader.GetTableRowCount(TableIndex.GenericParam) > 0)
        {
            uses.Add($"{reader.GetTableRowCount(TableIndex.GenericParam)} generic parameter(s)");
        }

        if (reader.GetTableRowCount(TableIndex.MethodSpec) > 0)
        {
            uses.Add($"{reader.GetTableRowCount(TableIndex.MethodSpec)} generic method instantiation(s)");
        }

        foreach (TypeSpecificationHandle handle in Enumerable.Range(1, reader.GetTableRowCount(TableIndex.TypeSpec)).Select(MetadataTokens.TypeSpecificationHandle))
        {
            if (reader.GetTypeSpecification(handle).DecodeSignature(provider, null))
            {
                uses.Add($"type specification 0x{MetadataTokens.GetToken(handle):X8}");
            }
        }

        foreach (MemberReferenceHandle handle in reader.MemberReferences)
        {
            MemberReference reference = reader.GetMemberReference(handle);
            bool generic = reference.GetKind() == MemberReferenceKind.Method
                ? Any(reference.DecodeMethodSignature(provider, null))
                : reference.DecodeFieldSignature(provider, null);
            if (generic)
            {
                uses.Add($"member reference {reader.GetString(reference.Name)}");
            }
        }

        foreach (TypeDefinitionHandle typeHandle in reader.TypeDefinitions)
        {
            TypeDefinition type = reader.GetTypeDefinition(typeHandle);
            string typeName = reader.GetString(type.Name);
            foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
            {
                FieldDefinition field = reader.GetFieldDefinition(fieldHandle);
                if (field.DecodeSignature(provider, null))
                {
                    uses.Add($"field {typeName}.{reader.GetString(field.Name)}");
                }
            }

            foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
            {
                MethodDefinition method = reader.GetMethodDefinition(methodHandle);
                if (Any(method.DecodeSignature(provider, null)))
                {
                    uses.Add($"method {typeName}.{reader.GetString(method.Name)}");
                }
            }
        }

        foreach (StandaloneSignatureHandle handle in Enumerable.Range(1, reader.GetTableRowCount(TableIndex.StandAloneSig)).Select(MetadataTokens.StandaloneSignatureHandle))
        {
            StandaloneSignature signature = reader.GetStandaloneSignature(handle);
            bool generic = signature.GetKind() == StandaloneSignatureKind.LocalVariables
                ? signature.DecodeLocalSignature(provider, null).Any(local => local)
                : Any(signature.DecodeMethodSignature(provider, null));
            if (generic)
            {
                uses.Add($"stand-alone signature 0x{MetadataTokens.GetToken(handle):X8}");
            }
        }

        return uses;
    }

    private static bool Any(MethodSignature<bool> signature) =>
        signature.ReturnType || signature.ParameterTypes.Any(parameter => parameter);

    /// <summary>Decodes a signature to "does it contain anything generic".</summary>
    private sealed class ContainsGeneric : ISignatureTypeProvider<bool, object>
    {
        public bool GetGenericInstantiation(bool genericType, ImmutableArray<bool> typeArguments) => true;

        public bool GetGenericMethodParameter(object genericContext, int index) => true;

        public bool GetGenericTypeParameter(object genericContext, int index) => true;

        public bool GetArrayType(bool elementType, ArrayShape shape) => elementType;

        public bool GetSZArrayType(bool elementType) => elementType;

        public bool GetByReferenceType(bool elementType) => elementType;

        public bool GetPointerType(bool elementType) => elementType;

        public bool GetPinnedType(bool elementType) => elementType;

        public bool GetModifiedType(bool modifier, bool unmodifiedType, bool isRequired) => modifier || unmodifiedType;

        public bool GetFunctionPointerType(MethodSignature<bool> signature) => Any(signature);

        public bool GetPrimitiveType(PrimitiveTypeCode typeCode) => false;

        public bool GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => false;

        public bool GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => false;

        public bool GetTypeFromSpecification(MetadataReader reader, object genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }
}
