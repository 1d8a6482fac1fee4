using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace DeviceFirmware.Tests.Host.Conformance;

/// <summary>
/// What a decoded signature contained besides its text: the type references it names and the
/// constructs nanoFramework 1.x cannot run.
/// </summary>
internal sealed class SignatureFindings
{
    /// <summary>Every TypeReference named anywhere in the signature (generic arguments and modifiers included).</summary>
    public List<TypeReferenceHandle> TypeReferences { get; } = new();

    /// <summary>Generic instantiations, e.g. <c>System.Collections.Generic.List`1&lt;System.Int32&gt;</c>.</summary>
    public List<string> GenericInstantiations { get; } = new();

    /// <summary>True when a generic parameter (<c>!0</c>, <c>!!0</c>) appears.</summary>
    public bool UsesGenericParameter { get; set; }

    /// <summary>Multidimensional arrays, e.g. <c>System.Int32[,]</c>.</summary>
    public List<string> MultiDimensionalArrays { get; } = new();

    /// <summary>Unmanaged pointers, function pointers and pinned locals (only <c>unsafe</c> code produces them).</summary>
    public List<string> UnsafeTypes { get; } = new();

    /// <summary>System.TypedReference (varargs / __makeref), which nanoFramework does not support.</summary>
    public bool UsesTypedReference { get; set; }

    /// <summary>True when nothing in the signature is a problem by itself (type references are judged separately).</summary>
    public bool IsClean => GenericInstantiations.Count == 0 && !UsesGenericParameter && MultiDimensionalArrays.Count == 0
        && UnsafeTypes.Count == 0 && !UsesTypedReference;
}

/// <summary>
/// Decodes metadata signatures into ILDasm-like text (<c>System.Int32</c>, <c>System.Byte[]</c>,
/// <c>System.Boolean&amp;</c>, <c>Outer/Nested</c>, <c>System.Span`1&lt;System.Byte&gt;</c>, <c>!0</c>) and records
/// what it meets in a <see cref="SignatureFindings"/>. The allow-list files use the same text form.
/// </summary>
internal sealed class SignatureText : ISignatureTypeProvider<string, object>
{
    private readonly SignatureFindings _findings;

    public SignatureText(SignatureFindings findings)
    {
        _findings = findings;
    }

    public string GetPrimitiveType(PrimitiveTypeCode typeCode)
    {
        if (typeCode == PrimitiveTypeCode.TypedReference)
        {
            _findings.UsesTypedReference = true;
        }

        return PrimitiveName(typeCode);
    }

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
    {
        return MetadataNames.TypeName(reader, handle);
    }

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        _findings.TypeReferences.Add(handle);
        return MetadataNames.TypeName(reader, handle);
    }

    public string GetTypeFromSpecification(MetadataReader reader, object genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
    {
        return reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetArrayType(string elementType, ArrayShape shape)
    {
        string text = elementType + "[" + new string(',', Math.Max(0, shape.Rank - 1)) + "]";
        _findings.MultiDimensionalArrays.Add(text);
        return text;
    }

    public string GetByReferenceType(string elementType) => elementType + "&";

    public string GetPointerType(string elementType)
    {
        string text = elementType + "*";
        _findings.UnsafeTypes.Add(text);
        return text;
    }

    public string GetPinnedType(string elementType)
    {
        string text = elementType + " pinned";
        _findings.UnsafeTypes.Add(text);
        return text;
    }

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
    {
        string text = genericType + "<" + string.Join(", ", typeArguments) + ">";
        _findings.GenericInstantiations.Add(text);
        return text;
    }

    public string GetGenericMethodParameter(object genericContext, int index)
    {
        _findings.UsesGenericParameter = true;
        return "!!" + index;
    }

    public string GetGenericTypeParameter(object genericContext, int index)
    {
        _findings.UsesGenericParameter = true;
        return "!" + index;
    }

    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired)
    {
        return unmodifiedType + (isRequired ? " modreq(" : " modopt(") + modifier + ")";
    }

    public string GetFunctionPointerType(MethodSignature<string> signature)
    {
        string text = "method " + signature.ReturnType + " *(" + string.Join(", ", signature.ParameterTypes) + ")";
        _findings.UnsafeTypes.Add(text);
        return text;
    }

    /// <summary>The allow-list name of a primitive signature type.</summary>
    public static string PrimitiveName(PrimitiveTypeCode typeCode)
    {
        return typeCode switch
        {
            PrimitiveTypeCode.Void => "System.Void",
            PrimitiveTypeCode.Boolean => "System.Boolean",
            PrimitiveTypeCode.Char => "System.Char",
            PrimitiveTypeCode.SByte => "System.SByte",
            PrimitiveTypeCode.Byte => "System.Byte",
            PrimitiveTypeCode.Int16 => "System.Int16",
            PrimitiveTypeCode.UInt16 => "System.UInt16",
            PrimitiveTypeCode.Int32 => "System.Int32",
            PrimitiveTypeCode.UInt32 => "System.UInt32",
            PrimitiveTypeCode.Int64 => "System.Int64",
            PrimitiveTypeCode.UInt64 => "System.UInt64",
            PrimitiveTypeCode.Single => "System.Single",
            PrimitiveTypeCode.Double => "System.Double",
            PrimitiveTypeCode.String => "System.String",
            PrimitiveTypeCode.Object => "System.Object",
            PrimitiveTypeCode.IntPtr => "System.IntPtr",
            PrimitiveTypeCode.UIntPtr => "System.UIntPtr",
            PrimitiveTypeCode.TypedReference => "System.TypedReference",
            _ => typeCode.ToString(),
        };
    }
}

/// <summary>Names of metadata entities in the allow-list text form.</summary>
internal static class MetadataNames
{
    /// <summary>Full name of a type definition; nested types as <c>Outer/Inner</c>.</summary>
    public static string TypeName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        TypeDefinition type = reader.GetTypeDefinition(handle);
        string name = reader.GetString(type.Name);
        TypeDefinitionHandle declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
        {
            return TypeName(reader, declaring) + "/" + name;
        }

        string ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>Full name of a type reference; nested types as <c>Outer/Inner</c>.</summary>
    public static string TypeName(MetadataReader reader, TypeReferenceHandle handle)
    {
        TypeReference type = reader.GetTypeReference(handle);
        string name = reader.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return TypeName(reader, (TypeReferenceHandle)type.ResolutionScope) + "/" + name;
        }

        string ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>
    /// The assembly a type reference resolves to (following nested types outwards), or null when it
    /// points into this module.
    /// </summary>
    public static string ReferencedAssembly(MetadataReader reader, TypeReferenceHandle handle)
    {
        EntityHandle scope = reader.GetTypeReference(handle).ResolutionScope;
        while (scope.Kind == HandleKind.TypeReference)
        {
            scope = reader.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
        }

        return scope.Kind == HandleKind.AssemblyReference
            ? reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name)
            : null;
    }

    /// <summary>Text of a method signature with a declaring type and name: <c>[static ]Ret Type::Name(P1, P2)</c>.</summary>
    public static string Method(string declaringType, string name, MethodSignature<string> signature)
    {
        string prefix = signature.Header.IsInstance ? string.Empty : "static ";
        return prefix + signature.ReturnType + " " + declaringType + "::" + name + "(" + string.Join(", ", signature.ParameterTypes) + ")";
    }

    /// <summary>Text of a field: <c>Type DeclaringType::Name</c>.</summary>
    public static string Field(string declaringType, string name, string fieldType)
    {
        return fieldType + " " + declaringType + "::" + name;
    }
}
