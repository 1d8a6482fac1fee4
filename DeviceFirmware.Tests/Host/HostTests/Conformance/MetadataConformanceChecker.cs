using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace DeviceFirmware.Tests.Host.Conformance;

/// <summary>The kinds of problem the checker reports.</summary>
public enum ViolationKind
{
    /// <summary>A generic type or method defined in the checked assembly.</summary>
    GenericDefinition,

    /// <summary>A generic instantiation (TypeSpec / MethodSpec / GENERICINST in a signature).</summary>
    GenericInstantiation,

    /// <summary>A referenced external type that is on no allow-list.</summary>
    TypeNotAllowed,

    /// <summary>A referenced external method or field whose exact signature is on no allow-list.</summary>
    MemberNotAllowed,

    /// <summary>Enum.IsDefined / GetValues / GetNames / GetName / Parse / TryParse (nanoFramework's Enum has none).</summary>
    EnumReflection,

    /// <summary>A multidimensional array type or a member of one.</summary>
    MultidimensionalArray,

    /// <summary>Pointers, function pointers, pinned locals or <c>calli</c>: <c>unsafe</c> code.</summary>
    Unsafe,

    /// <summary>The <c>localloc</c> opcode: <c>stackalloc</c>.</summary>
    Stackalloc,

    /// <summary>An <c>async</c> method (AsyncStateMachineAttribute).</summary>
    Async,

    /// <summary>An iterator (<c>yield</c>; IteratorStateMachineAttribute).</summary>
    Iterator,

    /// <summary>P/Invoke (DllImport) or a module-level reference.</summary>
    PInvoke,

    /// <summary>varargs, <c>__arglist</c>, <c>__makeref</c> / TypedReference.</summary>
    VarArgs,
}

/// <summary>One problem, with every place in the assembly that has it.</summary>
public sealed class Violation
{
    private const int MaxLocationsShown = 6;

    internal Violation(ViolationKind kind, string subject, string message)
    {
        Kind = kind;
        Subject = subject;
        Message = message;
    }

    public ViolationKind Kind { get; }

    /// <summary>The offending type, member or construct in the allow-list text form.</summary>
    public string Subject { get; }

    /// <summary>The explanation, without locations.</summary>
    public string Message { get; }

    /// <summary>Where it is used: <c>method Ns.Type::Name</c>, <c>field ...</c>, <c>type ...</c>, <c>assembly attributes</c>.</summary>
    public SortedSet<string> Locations { get; } = new(StringComparer.Ordinal);

    public override string ToString()
    {
        if (Locations.Count == 0)
        {
            return Message;
        }

        string shown = string.Join("; ", Locations.Take(MaxLocationsShown));
        string more = Locations.Count > MaxLocationsShown ? $"; +{Locations.Count - MaxLocationsShown} more" : string.Empty;
        return $"{Message} [used in {shown}{more}]";
    }
}

/// <summary>The result of checking one assembly.</summary>
public sealed class ConformanceReport
{
    internal ConformanceReport(string assemblyName, IReadOnlyList<Violation> violations)
    {
        AssemblyName = assemblyName;
        Violations = violations;
    }

    public string AssemblyName { get; }

    public IReadOnlyList<Violation> Violations { get; }

    /// <summary>All violations, one per line, or a single "conforms" line.</summary>
    public string Format()
    {
        if (Violations.Count == 0)
        {
            return $"{AssemblyName}: no violations";
        }

        return $"{AssemblyName}: {Violations.Count} violation(s)" + Environment.NewLine
            + string.Join(Environment.NewLine, Violations.Select(v => "  - " + v));
    }
}

/// <summary>
/// Reads a compiled assembly with System.Reflection.Metadata and reports everything in it that
/// nanoFramework 1.x (no generics, CoreLibrary-sized BCL) could not load or run: generic definitions
/// and instantiations, external types and members missing from the allow-lists, multidimensional
/// arrays, unsafe code, stackalloc, async and iterator state machines, P/Invoke and varargs.
/// </summary>
/// <remarks>
/// Every TypeRef, MemberRef, TypeSpec, MethodSpec and StandAloneSig row is judged, whether it is
/// reached from IL (call sites, ldtoken, newarr, box, castclass...), from exception-handler catch
/// types, signatures of fields / methods / properties / locals, base types, interfaces, explicit
/// overrides, events or custom attributes — and finally every remaining row of those tables, so
/// nothing the compiler emitted behind the source's back is skipped.
/// </remarks>
public static class MetadataConformanceChecker
{
    /// <summary>Checks one assembly file.</summary>
    /// <param name="assemblyPath">The compiled assembly.</param>
    /// <param name="allowListFiles">The allow-list files of every nanoFramework package the assembly's nanoFramework build references.</param>
    /// <param name="checkedProjectAssemblies">
    /// Names of project assemblies this one references that are checked on their own (for example
    /// DeviceFirmware.Core): any reference into them is accepted here.
    /// </param>
    public static ConformanceReport Check(string assemblyPath, IEnumerable<string> allowListFiles, IEnumerable<string> checkedProjectAssemblies = null)
    {
        var allowList = new AllowList(allowListFiles.Select(AllowListFile.Load));
        return Check(assemblyPath, allowList, checkedProjectAssemblies);
    }

    internal static ConformanceReport Check(string assemblyPath, AllowList allowList, IEnumerable<string> checkedProjectAssemblies)
    {
        using FileStream stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var run = new Run(pe, allowList, new HashSet<string>(checkedProjectAssemblies ?? Array.Empty<string>(), StringComparer.Ordinal));
        run.Scan();
        return run.Report();
    }

    private sealed class Run
    {
        private static readonly string[] EnumReflectionMembers = { "IsDefined", "GetValues", "GetValuesAsUnderlyingType", "GetNames", "GetName", "Parse", "TryParse" };

        private readonly PEReader _pe;
        private readonly MetadataReader _md;
        private readonly AllowList _allow;
        private readonly HashSet<string> _trusted;
        private readonly string _assembly;
        private readonly Dictionary<string, Violation> _violations = new(StringComparer.Ordinal);
        private readonly Dictionary<EntityHandle, List<Violation>> _evaluated = new();
        private readonly HashSet<EntityHandle> _used = new();

        public Run(PEReader pe, AllowList allow, HashSet<string> trusted)
        {
            _pe = pe;
            _md = pe.GetMetadataReader();
            _allow = allow;
            _trusted = trusted;
            _assembly = _md.GetString(_md.GetAssemblyDefinition().Name);
        }

        public ConformanceReport Report()
        {
            List<Violation> list = _violations.Values
                .OrderBy(v => v.Kind)
                .ThenBy(v => v.Subject, StringComparer.Ordinal)
                .ToList();
            return new ConformanceReport(_assembly, list);
        }

        public void Scan()
        {
            CustomAttributes(_md.GetAssemblyDefinition().GetCustomAttributes(), "assembly attributes");
            CustomAttributes(_md.GetModuleDefinition().GetCustomAttributes(), "module attributes");

            foreach (TypeDefinitionHandle typeHandle in _md.TypeDefinitions)
            {
                ScanType(typeHandle);
            }

            // Rows no code, signature or attribute reached (or that only serve as scopes) are judged too.
            const string table = "metadata tables";
            foreach (TypeReferenceHandle h in _md.TypeReferences)
            {
                UseIfUnused(h, table);
            }

            foreach (MemberReferenceHandle h in _md.MemberReferences)
            {
                UseIfUnused(h, table);
            }

            for (int row = 1; row <= _md.GetTableRowCount(TableIndex.TypeSpec); row++)
            {
                UseIfUnused(MetadataTokens.TypeSpecificationHandle(row), table);
            }

            for (int row = 1; row <= _md.GetTableRowCount(TableIndex.MethodSpec); row++)
            {
                UseIfUnused(MetadataTokens.MethodSpecificationHandle(row), table);
            }

            for (int row = 1; row <= _md.GetTableRowCount(TableIndex.StandAloneSig); row++)
            {
                UseIfUnused(MetadataTokens.StandaloneSignatureHandle(row), table);
            }

            for (int row = 1; row <= _md.GetTableRowCount(TableIndex.ModuleRef); row++)
            {
                string name = _md.GetString(_md.GetModuleReference(MetadataTokens.ModuleReferenceHandle(row)).Name);
                Add(ViolationKind.PInvoke, "module " + name, $"{_assembly}: references native module '{name}' (P/Invoke); nanoFramework has no DllImport", table);
            }
        }

        private void ScanType(TypeDefinitionHandle typeHandle)
        {
            TypeDefinition type = _md.GetTypeDefinition(typeHandle);
            string typeName = MetadataNames.TypeName(_md, typeHandle);
            string location = "type " + typeName;

            if (type.GetGenericParameters().Count > 0)
            {
                Add(ViolationKind.GenericDefinition, typeName, $"{_assembly}: generic type definition {typeName}; nanoFramework 1.x has no generics", location);
            }

            if (!type.BaseType.IsNil)
            {
                Use(type.BaseType, location);
            }

            foreach (InterfaceImplementationHandle ih in type.GetInterfaceImplementations())
            {
                InterfaceImplementation impl = _md.GetInterfaceImplementation(ih);
                Use(impl.Interface, location);
                CustomAttributes(impl.GetCustomAttributes(), location);
            }

            CustomAttributes(type.GetCustomAttributes(), location);

            foreach (FieldDefinitionHandle fh in type.GetFields())
            {
                FieldDefinition field = _md.GetFieldDefinition(fh);
                string fieldLocation = "field " + typeName + "::" + _md.GetString(field.Name);
                var findings = new SignatureFindings();
                field.DecodeSignature(new SignatureText(findings), null);
                Findings(findings, fieldLocation);
                CustomAttributes(field.GetCustomAttributes(), fieldLocation);
            }

            foreach (MethodDefinitionHandle mh in type.GetMethods())
            {
                ScanMethod(typeName, mh);
            }

            foreach (PropertyDefinitionHandle ph in type.GetProperties())
            {
                PropertyDefinition property = _md.GetPropertyDefinition(ph);
                string propertyLocation = "property " + typeName + "::" + _md.GetString(property.Name);
                var findings = new SignatureFindings();
                property.DecodeSignature(new SignatureText(findings), null);
                Findings(findings, propertyLocation);
                CustomAttributes(property.GetCustomAttributes(), propertyLocation);
            }

            foreach (EventDefinitionHandle eh in type.GetEvents())
            {
                EventDefinition ev = _md.GetEventDefinition(eh);
                string eventLocation = "event " + typeName + "::" + _md.GetString(ev.Name);
                Use(ev.Type, eventLocation);
                CustomAttributes(ev.GetCustomAttributes(), eventLocation);
            }

            foreach (MethodImplementationHandle mih in type.GetMethodImplementations())
            {
                MethodImplementation impl = _md.GetMethodImplementation(mih);
                Use(impl.MethodDeclaration, location);
                Use(impl.MethodBody, location);
            }
        }

        private void ScanMethod(string typeName, MethodDefinitionHandle mh)
        {
            MethodDefinition method = _md.GetMethodDefinition(mh);
            string name = _md.GetString(method.Name);
            string location = "method " + typeName + "::" + name;

            if (method.GetGenericParameters().Count > 0)
            {
                Add(ViolationKind.GenericDefinition, typeName + "::" + name, $"{_assembly}: generic method definition {typeName}::{name}; nanoFramework 1.x has no generics", location);
            }

            var findings = new SignatureFindings();
            MethodSignature<string> signature = method.DecodeSignature(new SignatureText(findings), null);
            Findings(findings, location);
            if (signature.Header.CallingConvention == SignatureCallingConvention.VarArgs)
            {
                Add(ViolationKind.VarArgs, typeName + "::" + name, $"{_assembly}: varargs method {typeName}::{name}; nanoFramework has no __arglist", location);
            }

            CustomAttributes(method.GetCustomAttributes(), location);
            foreach (ParameterHandle ph in method.GetParameters())
            {
                CustomAttributes(_md.GetParameter(ph).GetCustomAttributes(), location);
            }

            MethodImport import = method.GetImport();
            if (!import.Name.IsNil)
            {
                Add(ViolationKind.PInvoke, typeName + "::" + name, $"{_assembly}: P/Invoke method {typeName}::{name}; nanoFramework has no DllImport", location);
            }

            if (method.RelativeVirtualAddress == 0)
            {
                return;
            }

            MethodBodyBlock body = _pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
            {
                Use(body.LocalSignature, location);
            }

            foreach (ExceptionRegion region in body.ExceptionRegions)
            {
                if (!region.CatchType.IsNil)
                {
                    Use(region.CatchType, location);
                }
            }

            foreach (IlInstruction instruction in IlWalker.Walk(body))
            {
                switch (instruction.OpCode)
                {
                    case "localloc":
                        Add(ViolationKind.Stackalloc, "localloc", $"{_assembly}: stackalloc (localloc opcode); nanoFramework does not support it", location);
                        break;
                    case "calli":
                        Add(ViolationKind.Unsafe, "calli", $"{_assembly}: indirect call through a function pointer (calli); unsafe code is not supported", location);
                        break;
                    case "arglist":
                    case "mkrefany":
                    case "refanyval":
                    case "refanytype":
                        Add(ViolationKind.VarArgs, instruction.OpCode, $"{_assembly}: {instruction.OpCode} (__arglist / __makeref / TypedReference); not supported on nanoFramework", location);
                        break;
                }

                if (instruction.Token != 0 && instruction.OperandType != OperandType.InlineString)
                {
                    Use(MetadataTokens.EntityHandle(instruction.Token), location);
                }
            }
        }

        private void CustomAttributes(CustomAttributeHandleCollection attributes, string location)
        {
            foreach (CustomAttributeHandle ah in attributes)
            {
                CustomAttribute attribute = _md.GetCustomAttribute(ah);
                Use(attribute.Constructor, location);
                string attributeType = AttributeTypeName(attribute);
                if (attributeType == "System.Runtime.CompilerServices.AsyncStateMachineAttribute")
                {
                    Add(ViolationKind.Async, location, $"{_assembly}: async method ({location}); nanoFramework 1.x has no async/await or Task", location);
                }
                else if (attributeType == "System.Runtime.CompilerServices.IteratorStateMachineAttribute")
                {
                    Add(ViolationKind.Iterator, location, $"{_assembly}: iterator ({location}); the compiler implements it with IEnumerable<T>/IEnumerator<T>, which nanoFramework 1.x lacks", location);
                }
            }
        }

        private string AttributeTypeName(CustomAttribute attribute)
        {
            EntityHandle ctor = attribute.Constructor;
            if (ctor.Kind == HandleKind.MemberReference)
            {
                EntityHandle parent = _md.GetMemberReference((MemberReferenceHandle)ctor).Parent;
                return parent.Kind switch
                {
                    HandleKind.TypeReference => MetadataNames.TypeName(_md, (TypeReferenceHandle)parent),
                    HandleKind.TypeDefinition => MetadataNames.TypeName(_md, (TypeDefinitionHandle)parent),
                    _ => null,
                };
            }

            if (ctor.Kind == HandleKind.MethodDefinition)
            {
                return MetadataNames.TypeName(_md, _md.GetMethodDefinition((MethodDefinitionHandle)ctor).GetDeclaringType());
            }

            return null;
        }

        private void UseIfUnused(EntityHandle handle, string location)
        {
            if (!_used.Contains(handle))
            {
                Use(handle, location);
            }
        }

        private void Use(EntityHandle handle, string location)
        {
            _used.Add(handle);
            foreach (Violation v in Evaluate(handle))
            {
                v.Locations.Add(location);
            }
        }

        /// <summary>Judges one metadata row once; later uses only add their location.</summary>
        private List<Violation> Evaluate(EntityHandle handle)
        {
            if (_evaluated.TryGetValue(handle, out List<Violation> cached))
            {
                return cached;
            }

            var found = new List<Violation>();
            _evaluated[handle] = found; // guards against cycles through nested scopes
            switch (handle.Kind)
            {
                case HandleKind.TypeReference:
                    EvaluateTypeReference((TypeReferenceHandle)handle, found);
                    break;
                case HandleKind.TypeSpecification:
                {
                    var findings = new SignatureFindings();
                    string text = _md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(new SignatureText(findings), null);
                    EvaluateFindings(findings, found);
                    _ = text;
                    break;
                }

                case HandleKind.MemberReference:
                    EvaluateMemberReference((MemberReferenceHandle)handle, found);
                    break;
                case HandleKind.MethodSpecification:
                    EvaluateMethodSpecification((MethodSpecificationHandle)handle, found);
                    break;
                case HandleKind.StandaloneSignature:
                {
                    StandaloneSignature signature = _md.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                    var findings = new SignatureFindings();
                    if (signature.GetKind() == StandaloneSignatureKind.LocalVariables)
                    {
                        signature.DecodeLocalSignature(new SignatureText(findings), null);
                    }
                    else
                    {
                        signature.DecodeMethodSignature(new SignatureText(findings), null);
                        found.Add(Add(ViolationKind.Unsafe, "calli signature", $"{_assembly}: stand-alone method signature (calli / function pointer); unsafe code is not supported", null));
                    }

                    EvaluateFindings(findings, found);
                    break;
                }
            }

            return found;
        }

        private void EvaluateTypeReference(TypeReferenceHandle handle, List<Violation> found)
        {
            string assembly = MetadataNames.ReferencedAssembly(_md, handle);
            if (assembly == null || _trusted.Contains(assembly))
            {
                return;
            }

            string name = MetadataNames.TypeName(_md, handle);
            AllowList scope = _allow.ForAssembly(assembly);
            if (scope.FindType(name) != null)
            {
                return;
            }

            ViolationKind kind = name.Contains('`') ? ViolationKind.GenericInstantiation : ViolationKind.TypeNotAllowed;
            string what = kind == ViolationKind.GenericInstantiation ? "generic type" : "type";
            found.Add(Add(kind, name, $"{_assembly}: {what} {name} (assembly {assembly}) is not on the {scope.Description} allow-list{Hints.For(name)}", null));
        }

        private void EvaluateMemberReference(MemberReferenceHandle handle, List<Violation> found)
        {
            MemberReference member = _md.GetMemberReference(handle);
            string name = _md.GetString(member.Name);
            var findings = new SignatureFindings();
            var parentFindings = new SignatureFindings();

            string declaring;
            bool external = false;
            AllowList scope = _allow;
            switch (member.Parent.Kind)
            {
                case HandleKind.TypeReference:
                {
                    var parent = (TypeReferenceHandle)member.Parent;
                    declaring = MetadataNames.TypeName(_md, parent);
                    string assembly = MetadataNames.ReferencedAssembly(_md, parent);
                    external = assembly != null && !_trusted.Contains(assembly);
                    scope = _allow.ForAssembly(assembly);
                    break;
                }

                case HandleKind.TypeDefinition:
                    declaring = MetadataNames.TypeName(_md, (TypeDefinitionHandle)member.Parent);
                    break;
                case HandleKind.TypeSpecification:
                    declaring = _md.GetTypeSpecification((TypeSpecificationHandle)member.Parent).DecodeSignature(new SignatureText(parentFindings), null);
                    break;
                case HandleKind.MethodDefinition:
                    declaring = MetadataNames.TypeName(_md, _md.GetMethodDefinition((MethodDefinitionHandle)member.Parent).GetDeclaringType());
                    break;
                case HandleKind.ModuleReference:
                    declaring = "<module " + _md.GetString(_md.GetModuleReference((ModuleReferenceHandle)member.Parent).Name) + ">";
                    break;
                default:
                    declaring = "?";
                    break;
            }

            string text;
            bool isMethod = member.GetKind() == MemberReferenceKind.Method;
            MethodSignature<string> methodSignature = default;
            if (isMethod)
            {
                methodSignature = member.DecodeMethodSignature(new SignatureText(findings), null);
                text = MetadataNames.Method(declaring, name, methodSignature);
            }
            else
            {
                text = MetadataNames.Field(declaring, name, member.DecodeFieldSignature(new SignatureText(findings), null));
            }

            // A call target of a recognised compiler lowering: accepted with the generic types of its
            // own signature and declaring type, which therefore count as used (not as violations).
            if (isMethod && (external || member.Parent.Kind == HandleKind.TypeSpecification) && _allow.FindLowering(text) != null)
            {
                _used.Add(member.Parent);
                _used.UnionWith(parentFindings.TypeReferences.Select(h => (EntityHandle)h));
                _used.UnionWith(findings.TypeReferences.Select(h => (EntityHandle)h));
                return;
            }

            found.AddRange(Evaluate(member.Parent));
            EvaluateFindings(findings, found);

            switch (member.Parent.Kind)
            {
                case HandleKind.MethodDefinition:
                    found.Add(Add(ViolationKind.VarArgs, declaring + "::" + name, $"{_assembly}: varargs call site of {declaring}::{name}; nanoFramework has no __arglist", null));
                    return;
                case HandleKind.ModuleReference:
                    found.Add(Add(ViolationKind.PInvoke, declaring + "::" + name, $"{_assembly}: reference to {declaring}::{name}; nanoFramework has no native module references", null));
                    return;
            }

            if (isMethod && methodSignature.Header.CallingConvention == SignatureCallingConvention.VarArgs)
            {
                found.Add(Add(ViolationKind.VarArgs, text, $"{_assembly}: varargs call {text}; nanoFramework has no __arglist", null));
            }

            if (parentFindings.GenericInstantiations.Count > 0)
            {
                found.Add(Add(ViolationKind.GenericInstantiation, text, $"{_assembly}: {text} is a member of a generic instantiation; nanoFramework 1.x has no generics{Hints.For(text)}", null));
            }
            else if (parentFindings.MultiDimensionalArrays.Count > 0)
            {
                found.Add(Add(ViolationKind.MultidimensionalArray, text, $"{_assembly}: {text} accesses a multidimensional array; nanoFramework supports only single-dimension (and jagged) arrays", null));
            }
            else if (external && (isMethod ? scope.FindMethod(text) : scope.FindField(text)) == null)
            {
                bool enumReflection = declaring == "System.Enum" && EnumReflectionMembers.Contains(name);
                string message = enumReflection
                    ? $"{_assembly}: {text} is not on the {scope.Description} allow-list: nanoFramework's System.Enum has no {name} (only HasFlag, and ToString giving the number)"
                    : $"{_assembly}: {text} is not on the {scope.Description} allow-list{Hints.For(text)}";
                found.Add(Add(enumReflection ? ViolationKind.EnumReflection : ViolationKind.MemberNotAllowed, text, message, null));
            }
        }

        private void EvaluateMethodSpecification(MethodSpecificationHandle handle, List<Violation> found)
        {
            MethodSpecification spec = _md.GetMethodSpecification(handle);
            var findings = new SignatureFindings();
            var arguments = spec.DecodeSignature(new SignatureText(findings), null);
            string method;
            if (spec.Method.Kind == HandleKind.MemberReference)
            {
                MemberReference member = _md.GetMemberReference((MemberReferenceHandle)spec.Method);
                method = DeclaringTypeText(member.Parent) + "::" + _md.GetString(member.Name);
                string target = MetadataNames.Method(DeclaringTypeText(member.Parent), _md.GetString(member.Name), member.DecodeMethodSignature(new SignatureText(new SignatureFindings()), null));
                if (_allow.FindLowering(target) != null)
                {
                    // e.g. DefaultInterpolatedStringHandler.AppendFormatted<T>: only the type arguments are judged.
                    _used.Add(spec.Method);
                    Evaluate(spec.Method);
                    EvaluateFindings(findings, found);
                    return;
                }

                found.AddRange(Evaluate(spec.Method));
            }
            else
            {
                MethodDefinition definition = _md.GetMethodDefinition((MethodDefinitionHandle)spec.Method);
                method = MetadataNames.TypeName(_md, definition.GetDeclaringType()) + "::" + _md.GetString(definition.Name);
            }

            string text = method + "<" + string.Join(", ", arguments) + ">";
            found.Add(Add(ViolationKind.GenericInstantiation, text, $"{_assembly}: generic method instantiation {text}; nanoFramework 1.x has no generics{Hints.For(text)}", null));
            EvaluateFindings(findings, found);
        }

        private string DeclaringTypeText(EntityHandle parent)
        {
            return parent.Kind switch
            {
                HandleKind.TypeReference => MetadataNames.TypeName(_md, (TypeReferenceHandle)parent),
                HandleKind.TypeDefinition => MetadataNames.TypeName(_md, (TypeDefinitionHandle)parent),
                HandleKind.TypeSpecification => _md.GetTypeSpecification((TypeSpecificationHandle)parent).DecodeSignature(new SignatureText(new SignatureFindings()), null),
                _ => "?",
            };
        }

        private void Findings(SignatureFindings findings, string location)
        {
            var found = new List<Violation>();
            EvaluateFindings(findings, found);
            foreach (Violation v in found)
            {
                v.Locations.Add(location);
            }

            foreach (TypeReferenceHandle h in findings.TypeReferences)
            {
                _used.Add(h);
            }
        }

        private void EvaluateFindings(SignatureFindings findings, List<Violation> found)
        {
            foreach (TypeReferenceHandle h in findings.TypeReferences)
            {
                _used.Add(h);
                found.AddRange(Evaluate(h));
            }

            foreach (string instantiation in findings.GenericInstantiations)
            {
                found.Add(Add(ViolationKind.GenericInstantiation, instantiation, $"{_assembly}: generic instantiation {instantiation}; nanoFramework 1.x has no generics{Hints.For(instantiation)}", null));
            }

            foreach (string array in findings.MultiDimensionalArrays)
            {
                found.Add(Add(ViolationKind.MultidimensionalArray, array, $"{_assembly}: multidimensional array {array}; nanoFramework supports only single-dimension (and jagged) arrays", null));
            }

            foreach (string type in findings.UnsafeTypes)
            {
                found.Add(Add(ViolationKind.Unsafe, type, $"{_assembly}: unsafe type {type}; nanoFramework does not support pointers, function pointers or fixed", null));
            }

            if (findings.UsesTypedReference)
            {
                found.Add(Add(ViolationKind.VarArgs, "System.TypedReference", $"{_assembly}: System.TypedReference (__makeref / varargs); not supported on nanoFramework", null));
            }
        }

        private Violation Add(ViolationKind kind, string subject, string message, string location)
        {
            string key = kind + "\u0001" + subject;
            if (!_violations.TryGetValue(key, out Violation v))
            {
                v = new Violation(kind, subject, message);
                _violations[key] = v;
            }

            if (location != null)
            {
                v.Locations.Add(location);
            }

            return v;
        }
    }
}
