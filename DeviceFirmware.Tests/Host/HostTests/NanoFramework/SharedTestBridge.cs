using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using nanoFramework.TestFramework;
using Xunit;

namespace DeviceFirmware.Tests.Host.NanoFramework;

/// <summary>
/// Runs the shared nanoFramework-style tests (the NFUnitTest assembly) under xunit: one xunit case
/// per [TestMethod], and one per [DataRow] of a parameterised method, so every test is counted and
/// reported by name. [Setup] methods run before each case and [Cleanup] after it; on nanoCLR they run
/// once per class, so shared tests must arrange their own state.
/// </summary>
public sealed class SharedTestBridge
{
    private static readonly Assembly TestAssembly = typeof(DeviceFirmware.Tests.TestSupport.Hex).Assembly;

    /// <summary>Every shared test case, named Class.Method or Class.Method#row.</summary>
    public static IEnumerable<object[]> Cases()
    {
        foreach (Type type in TestClasses())
        {
            foreach (MethodInfo method in TestMethods(type))
            {
                DataRowAttribute[] rows = method.GetCustomAttributes<DataRowAttribute>().ToArray();
                if (rows.Length == 0)
                {
                    yield return new object[] { $"{type.FullName}.{method.Name}" };
                }
                else
                {
                    for (int i = 0; i < rows.Length; i++)
                    {
                        yield return new object[] { $"{type.FullName}.{method.Name}#{i}" };
                    }
                }
            }
        }
    }

    /// <summary>Runs one shared test case.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Run(string testCase)
    {
        int hash = testCase.IndexOf('#');
        string name = hash < 0 ? testCase : testCase.Substring(0, hash);
        int row = hash < 0 ? -1 : int.Parse(testCase.Substring(hash + 1));
        int dot = name.LastIndexOf('.');
        Type type = TestAssembly.GetType(name.Substring(0, dot), throwOnError: true);
        MethodInfo method = type.GetMethod(name.Substring(dot + 1), BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{testCase}: method not found");
        object[] arguments = row < 0 ? null : method.GetCustomAttributes<DataRowAttribute>().ElementAt(row).MethodParameters;

        // nanoCLR invokes test methods without an instance; the host gives instance methods a fresh one.
        object instance = method.IsStatic ? null : Activator.CreateInstance(type);
        Invoke(type, typeof(SetupAttribute), instance);
        try
        {
            Invoke(method, instance, arguments);
        }
        finally
        {
            Invoke(type, typeof(CleanupAttribute), instance);
        }
    }

    private static IEnumerable<Type> TestClasses() =>
        TestAssembly.GetTypes().Where(t => t.GetCustomAttribute<TestClassAttribute>() != null).OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static IEnumerable<MethodInfo> TestMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m.GetCustomAttribute<TestMethodAttribute>() != null)
            .OrderBy(m => m.MetadataToken);

    private static void Invoke(Type type, Type attribute, object instance)
    {
        foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        {
            if (method.GetCustomAttribute(attribute) != null)
            {
                Invoke(method, method.IsStatic ? null : instance, null);
            }
        }
    }

    private static void Invoke(MethodInfo method, object instance, object[] arguments)
    {
        try
        {
            method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException != null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
        }
    }
}
