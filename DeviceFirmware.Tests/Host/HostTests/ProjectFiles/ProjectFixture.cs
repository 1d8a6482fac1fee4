using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeviceFirmware.NfProj;
using Xunit;

namespace DeviceFirmware.Tests.Host.ProjectFiles;

/// <summary>The project files the project-file tests break and mend, relative to the repository root.</summary>
internal static class ProjectPaths
{
    public const string App = ProjectExpectations.AppPath;
    public const string AppPackages = "DeviceFirmware/App/packages.config";
    public const string Core = ProjectExpectations.CorePath;
    public const string CorePackages = "DeviceFirmware/Core/packages.config";
    public const string TestsProject = ProjectExpectations.TestsPath;
    public const string TestsPackages = "DeviceFirmware.Tests/packages.config";
    public const string DeviceTests = ProjectExpectations.DeviceTestsPath;
    public const string DeviceTestsPackages = "DeviceFirmware.Tests/Device/packages.config";
}

/// <summary>
/// A throw-away copy of the repository's nanoFramework project files in a temporary folder, with an empty
/// source file for every Compile item (so the copy is consistent whatever is on disk), a host-only file
/// under DeviceFirmware.Tests/Host/ and a generated file under obj/ that must both be ignored. The
/// self-tests break one thing in it and expect the checker to say so; the sync tests break several and
/// expect the sync command to mend them.
/// </summary>
internal sealed class ProjectFixture : IDisposable
{
    public ProjectFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "df-nfproj-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        string real = RepositoryRoot.Find();

        Copy(real, ProjectExpectations.SolutionPath);
        Copy(real, ProjectExpectations.RunSettingsPath);
        foreach (ProjectExpectation project in ProjectExpectations.All)
        {
            Copy(real, project.Path);
            Copy(real, project.PackagesConfig);
            foreach (string include in NfprojFile.Load(FullPath(project.Path)).CompileItems)
            {
                Write(project.Folder + "/" + include.Replace('\\', '/'), "// fixture\n");
            }
        }
        Write("DeviceFirmware.Tests/Host/HostTests/HostOnly.cs", "// host only\n");
        Write("DeviceFirmware/Core/obj/Debug/Generated.cs", "// generated\n");
    }

    public string Root { get; }

    /// <summary>The full path of a file of the copy; a linked item's <c>..</c> is resolved.</summary>
    public string FullPath(string relative) => Path.GetFullPath(Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar)));

    public string Read(string relative) => File.ReadAllText(FullPath(relative));

    public void Write(string relative, string text)
    {
        string path = FullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path));
        File.WriteAllText(path, text);
    }

    public void Delete(string relative) => File.Delete(FullPath(relative));

    /// <summary>Replaces text that must be present exactly once, so that a fixture edit cannot silently miss.</summary>
    public void Replace(string relative, string oldText, string newText)
    {
        string text = Read(relative);
        int first = text.IndexOf(oldText, StringComparison.Ordinal);
        Assert.True(first >= 0, $"fixture: '{oldText}' not found in {relative}");
        Assert.True(text.IndexOf(oldText, first + 1, StringComparison.Ordinal) < 0, $"fixture: '{oldText}' occurs more than once in {relative}");
        File.WriteAllText(FullPath(relative), text.Substring(0, first) + newText + text.Substring(first + oldText.Length));
    }

    public IReadOnlyList<Problem> Check() => new ProjectChecker(Root).Check();

    /// <summary>Checks the copy against other expectations than the repository's (to break a rule of ProjectExpectations.cs).</summary>
    public IReadOnlyList<Problem> Check(IReadOnlyList<ProjectExpectation> expectations) => new ProjectChecker(Root, expectations).Check();

    /// <summary>The bytes of every file sync may write (absent files as null), to compare before and after.</summary>
    public byte[][] ProjectFileBytes() => ProjectExpectations.All
        .SelectMany(p => new[] { p.Path, p.PackagesConfig })
        .Select(f => File.Exists(FullPath(f)) ? File.ReadAllBytes(FullPath(f)) : null)
        .ToArray();

    /// <summary>Asserts that a problem of the area mentions every fragment, and returns it.</summary>
    public Problem Expect(ProblemArea area, params string[] fragments) => ExpectIn(Check(), area, fragments);

    /// <summary>As <see cref="Expect(ProblemArea, string[])"/>, checked against <paramref name="expectations"/>.</summary>
    public Problem ExpectWith(IReadOnlyList<ProjectExpectation> expectations, ProblemArea area, params string[] fragments) =>
        ExpectIn(Check(expectations), area, fragments);

    private static Problem ExpectIn(IReadOnlyList<Problem> problems, ProblemArea area, string[] fragments)
    {
        Problem match = problems.FirstOrDefault(p => p.Area == area && fragments.All(f => p.Message.Contains(f, StringComparison.Ordinal)));
        Assert.True(match != null,
            $"expected a {area} problem mentioning [{string.Join("] [", fragments)}]; found:{Environment.NewLine}"
            + string.Join(Environment.NewLine, problems.Select(p => $"{p.Area}: {p.Message}")));
        return match;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private void Copy(string realRoot, string relative)
    {
        string target = FullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target));
        File.Copy(Path.Combine(realRoot, relative.Replace('/', Path.DirectorySeparatorChar)), target);
    }
}
