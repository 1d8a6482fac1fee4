using System;
using System.Collections.Generic;
using System.IO;

namespace DeviceFirmware.NfProj;

/// <summary>
/// The command line:
/// <code>
/// dotnet run --project tools/NfProj -- sync  [--root DIR]   # rewrite what follows from the files on disk and NanoPackageGraph.cs, then check
/// dotnet run --project tools/NfProj -- check [--root DIR]   # change nothing; list every problem
/// </code>
/// (<c>bash scripts/sync-nfproj.sh [--check] [--root DIR]</c> runs these.) The root is the checkout to work
/// on; by default the nearest folder at or above the current one that holds DeviceFirmware.sln.
/// Exit codes: 0 all is well, 1 problems (listed, one a line), 2 a usage error or a file sync cannot rewrite.
/// </summary>
internal static class Program
{
    public const int Ok = 0;
    public const int Problems = 1;
    public const int Failed = 2;

    private const string Usage = "usage: nfproj sync|check [--root DIR]";

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error, Environment.CurrentDirectory);

    /// <summary>Runs one command; the tests call this directly.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, string currentDirectory)
    {
        string command = null;
        string root = null;
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "sync" or "check" when command == null:
                    command = args[i];
                    break;
                case "--root" when i + 1 < args.Count:
                    root = Path.GetFullPath(args[++i], currentDirectory);
                    break;
                case "-h" or "--help":
                    output.WriteLine(Usage);
                    output.WriteLine("  sync   rewrite the .nfproj Compile items, the package versions of packages.config and the");
                    output.WriteLine("         References/HintPaths from NanoPackageGraph.cs, add missing dependencies; then check");
                    output.WriteLine("  check  change nothing; list every problem of the nanoFramework project files");
                    return Ok;
                default:
                    error.WriteLine($"nfproj: unexpected argument '{args[i]}'");
                    error.WriteLine(Usage);
                    return Failed;
            }
        }
        if (command == null)
        {
            error.WriteLine(Usage);
            return Failed;
        }
        root ??= FindRoot(currentDirectory);
        if (root == null || !Directory.Exists(root))
        {
            error.WriteLine($"nfproj: no checkout at {root ?? currentDirectory} (no DeviceFirmware.sln at or above it): pass --root DIR");
            return Failed;
        }

        if (command == "sync")
        {
            try
            {
                IReadOnlyList<FileChange> changes = ProjectSync.Apply(root);
                foreach (FileChange change in changes)
                {
                    output.WriteLine((change.Before == null ? "created " : "updated ") + change.Describe());
                }
                if (changes.Count == 0)
                {
                    output.WriteLine("nothing to update");
                }
            }
            catch (SyncException e)
            {
                error.WriteLine("nfproj: " + e.Message);
                return Failed;
            }
        }
        return Report(new ProjectChecker(root).Check(), command, output);
    }

    private static int Report(IReadOnlyList<Problem> problems, string command, TextWriter output)
    {
        if (problems.Count == 0)
        {
            output.WriteLine("the nanoFramework project files are in order");
            return Ok;
        }
        foreach (Problem problem in problems)
        {
            output.WriteLine($"{problem.Area}: {problem.Message}");
        }
        output.WriteLine(command == "sync"
            ? $"{problems.Count} problem(s) left that sync does not fix: fix them by hand."
            : $"{problems.Count} problem(s) in the nanoFramework project files.");
        return Problems;
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds DeviceFirmware.sln, or null.</summary>
    public static string FindRoot(string start)
    {
        for (DirectoryInfo directory = new(start); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, ProjectExpectations.SolutionPath)))
            {
                return directory.FullName;
            }
        }
        return null;
    }
}
