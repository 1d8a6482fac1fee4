using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xunit;

namespace DeviceFirmware.Tests.Host.Conformance;

/// <summary>
/// The host side of alias, hostonly and lowering entries names .NET members, not nanoFramework
/// ones. This proves each of them exists on the .NET 10 this project builds with, so a typo cannot
/// leave an entry that silently never matches.
/// </summary>
public sealed class HostSideEntryTests
{
    [Fact]
    public void HostSideOfEveryAliasHostOnlyAndLoweringEntryExistsOnDotNet()
    {
        var missing = new List<string>();
        foreach (string path in System.IO.Directory.GetFiles(ConformanceTargets.AllowListDirectory, "*.txt"))
        {
            foreach (AllowListEntry entry in AllowListFile.Load(path).Entries)
            {
                string text = entry.Kind switch
                {
                    AllowListEntryKind.Alias => "method " + entry.Signature,
                    AllowListEntryKind.HostOnly or AllowListEntryKind.Lowering => entry.Signature,
                    _ => null,
                };

                if (text != null && !ExistsOnHost(text))
                {
                    missing.Add(entry.ToString());
                }
            }
        }

        Assert.True(missing.Count == 0, "not found on .NET: " + string.Join(Environment.NewLine, missing));
    }

    private static bool ExistsOnHost(string text)
    {
        if (text.StartsWith("type ", StringComparison.Ordinal))
        {
            return Type.GetType(text.Substring("type ".Length)) != null;
        }

        string signature = text.Substring("method ".Length);
        string declaring = AllowList.DeclaringType(signature);
        int angle = declaring.IndexOf('<');
        Type type = Type.GetType(angle < 0 ? declaring : declaring.Substring(0, angle));
        if (type == null)
        {
            return false;
        }

        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        IEnumerable<MethodBase> members = type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all));
        return members.Any(m => Format(m, declaring) == signature);
    }

    private static string Format(MethodBase method, string declaring)
    {
        string returnType = method is MethodInfo info ? Name(info.ReturnType) : "System.Void";
        string parameters = string.Join(", ", method.GetParameters().Select(p => Name(p.ParameterType)));
        return (method.IsStatic ? "static " : string.Empty) + returnType + " " + declaring + "::" + method.Name + "(" + parameters + ")";
    }

    private static string Name(Type type)
    {
        if (type.IsByRef)
        {
            return Name(type.GetElementType()) + "&";
        }

        if (type.IsSZArray)
        {
            return Name(type.GetElementType()) + "[]";
        }

        if (type.IsGenericParameter)
        {
            return (type.IsGenericMethodParameter ? "!!" : "!") + type.GenericParameterPosition;
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            return Name(type.GetGenericTypeDefinition()) + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
        }

        return type.IsNested ? Name(type.DeclaringType) + "/" + type.Name : type.Namespace + "." + type.Name;
    }
}
