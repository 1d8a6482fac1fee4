using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace DeviceFirmware.NfProj;

/// <summary>Which rule a problem breaks; the tests report each area separately.</summary>
internal enum ProblemArea
{
    CompileItems,
    Packages,
    References,
    ProjectSettings,
    Solution,
    RunSettings,

    /// <summary>NanoPackageGraph.cs itself: one record per package, closed under dependencies.</summary>
    PackageGraph,

    /// <summary>A file that differs from what <see cref="ProjectSync"/> writes.</summary>
    Sync,
}

/// <summary>One broken rule, worded as what to fix.</summary>
internal sealed record Problem(ProblemArea Area, string Message)
{
    public override string ToString() => Message;
}

/// <summary>
/// Checks the nanoFramework project files of a checkout (DeviceFirmware.sln, the .nfproj files, their
/// packages.config files and nano.runsettings) against <see cref="ProjectExpectations"/> and
/// <see cref="NanoPackageGraph"/>, and that each file is as <see cref="ProjectSync"/> writes it. Nothing
/// here needs Windows or the nanoFramework build: it reads XML. The root and the expectations are
/// parameters so that the self-tests can run it on broken copies and broken expectations.
/// </summary>
internal sealed class ProjectChecker
{
    private const string ProjectSystemPath = "$(NanoFrameworkProjectSystemPath)";

    /// <summary>The fix for whatever <see cref="ProjectSync"/> writes.</summary>
    private const string RunSync = "run `" + ProjectExpectations.SyncCommand + "`";

    private static readonly string[] RequiredImports =
    {
        ProjectSystemPath + "NFProjectSystem.Default.props",
        ProjectSystemPath + "NFProjectSystem.props",
        ProjectSystemPath + "NFProjectSystem.CSharp.targets",
    };

    /// <summary>Types of nanoFramework.System.Collections (not in mscorlib); ArrayList is in mscorlib.</summary>
    private static readonly Regex CollectionsTypes = new(@"\b(Hashtable|Queue|Stack|DictionaryEntry|IDictionary)\b", RegexOptions.CultureInvariant);

    private static readonly Regex PackageFolder = new(@"^(?<id>.+?)\.(?<version>\d+(\.\d+)+(-[0-9A-Za-z.-]+)?)$", RegexOptions.CultureInvariant);

    private readonly string _root;
    private readonly IReadOnlyList<ProjectExpectation> _expectations;
    private readonly List<Problem> _problems = new();
    private readonly Dictionary<string, NfprojFile> _projects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PackageEntry>> _packages = new(StringComparer.Ordinal);

    public ProjectChecker(string root, IReadOnlyList<ProjectExpectation> expectations = null)
    {
        _root = Path.GetFullPath(root);
        _expectations = expectations ?? ProjectExpectations.All;
    }

    /// <summary>Runs every check and returns the problems found, in a stable order.</summary>
    public IReadOnlyList<Problem> Check()
    {
        _problems.Clear();
        _projects.Clear();
        _packages.Clear();

        foreach (ProjectExpectation expectation in _expectations)
        {
            Load(expectation);
        }
        foreach (ProjectExpectation expectation in _expectations)
        {
            CheckSourceFolders(expectation);
            if (_projects.TryGetValue(expectation.Path, out NfprojFile project))
            {
                CheckSettings(expectation, project);
                CheckCompileItems(expectation, project);
                if (_packages.TryGetValue(expectation.Path, out List<PackageEntry> packages))
                {
                    CheckPackages(expectation, packages);
                    CheckReferences(expectation, project, packages);
                }
            }
        }
        CheckSharedTestsAreCompiled();
        CheckProjectGuidsAreUnique();
        CheckVersionsAgreeAcrossProjects();
        CheckRunSettings();
        CheckSolution();
        foreach (string gap in NanoPackageGraph.Check(NanoPackageGraph.Packages))
        {
            Add(ProblemArea.PackageGraph, gap);
        }
        CheckSynced();
        return _problems.ToList();
    }

    private void Add(ProblemArea area, string message) => _problems.Add(new Problem(area, message));

    private string Full(string relative) => Path.GetFullPath(Path.Combine(_root, relative.Replace('/', Path.DirectorySeparatorChar)));

    private string Relative(string full) => Path.GetRelativePath(_root, full).Replace(Path.DirectorySeparatorChar, '/');

    private static string ResolveItem(string projectDirectory, string include) =>
        Path.GetFullPath(Path.Combine(projectDirectory, include.Replace('\\', Path.DirectorySeparatorChar).Replace('/', Path.DirectorySeparatorChar)));

    private void Load(ProjectExpectation expectation)
    {
        string path = Full(expectation.Path);
        if (!File.Exists(path))
        {
            Add(ProblemArea.ProjectSettings, $"{expectation.Path} is missing: restore it from git (it is one of the nanoFramework projects DeviceFirmware.sln opens).");
            return;
        }
        try
        {
            _projects[expectation.Path] = NfprojFile.Load(path);
        }
        catch (Exception e) when (e is System.Xml.XmlException or InvalidDataException)
        {
            Add(ProblemArea.ProjectSettings, $"{expectation.Path} is not a readable MSBuild project ({e.Message}): fix the XML.");
            return;
        }

        string config = Full(expectation.PackagesConfig);
        if (!File.Exists(config))
        {
            Add(ProblemArea.Packages, $"{expectation.PackagesConfig} is missing: nanoFramework projects restore their packages from a packages.config beside the project: {RunSync}, which writes one with the required packages.");
            return;
        }
        try
        {
            _packages[expectation.Path] = PackagesConfigFile.Load(config);
        }
        catch (Exception e) when (e is System.Xml.XmlException or InvalidDataException)
        {
            Add(ProblemArea.Packages, $"{expectation.PackagesConfig} is not a readable packages.config ({e.Message}): fix the XML.");
        }
    }

    // ---------------------------------------------------------------- settings

    private void CheckSettings(ProjectExpectation expectation, NfprojFile project)
    {
        string name = expectation.Path;
        string directory = Path.GetDirectoryName(Full(name));

        ExpectProperty(name, project, "OutputType", expectation.OutputType);
        ExpectProperty(name, project, "AssemblyName", expectation.AssemblyName);
        ExpectProperty(name, project, "RootNamespace", expectation.RootNamespace);
        ExpectProperty(name, project, "TargetFrameworkVersion", "v1.0");

        string types = project.Property("ProjectTypeGuids") ?? string.Empty;
        if (types.IndexOf(ProjectExpectations.NanoFrameworkProjectType, StringComparison.OrdinalIgnoreCase) < 0)
        {
            Add(ProblemArea.ProjectSettings, $"{name}: <ProjectTypeGuids> must include {{{ProjectExpectations.NanoFrameworkProjectType}}} (nanoFramework C# project); it is '{types}'.");
        }
        if (!Guid.TryParse(project.Property("ProjectGuid") ?? string.Empty, out _))
        {
            Add(ProblemArea.ProjectSettings, $"{name}: <ProjectGuid> '{project.Property("ProjectGuid")}' is not a GUID: give the project a new GUID and use the same one in DeviceFirmware.sln.");
        }
        foreach (string import in RequiredImports)
        {
            if (!project.Imports.Contains(import, StringComparer.Ordinal))
            {
                Add(ProblemArea.ProjectSettings, $"{name}: add <Import Project=\"{import}\" Condition=\"Exists('{import}')\" />; without it Visual Studio's nanoFramework project system cannot build the project.");
            }
        }

        List<string> referenced = new();
        foreach (string include in project.ProjectReferences)
        {
            string target = ResolveItem(directory, include);
            if (!File.Exists(target))
            {
                Add(ProblemArea.ProjectSettings, $"{name}: <ProjectReference Include=\"{include}\" /> points at {Relative(target)}, which does not exist: fix the path.");
                continue;
            }
            referenced.Add(Relative(target));
        }
        foreach (string required in expectation.RequiredProjectReferences)
        {
            if (!referenced.Contains(required, StringComparer.Ordinal))
            {
                string include = Path.GetRelativePath(directory, Full(required)).Replace(Path.DirectorySeparatorChar, '\\');
                Add(ProblemArea.ProjectSettings, $"{name}: add <ProjectReference Include=\"{include}\" />.");
            }
        }
        foreach (string forbidden in expectation.ForbiddenProjectReferences)
        {
            if (referenced.Contains(forbidden, StringComparer.Ordinal))
            {
                string why = forbidden == ProjectExpectations.AppPath
                    ? " The test adapter loads every .pe of the test output into the nanoCLR virtual device, which has no nanoFramework.Hardware.Esp32 or System.Device.Wifi natives, and the App's entry point would run instead of the tests; test the core and fakes instead."
                    : expectation.IsUnitTestProject && _expectations.Any(e => e.Path == forbidden && e.IsUnitTestProject)
                        ? " Both test projects build NFUnitTest; one test project never references another (share a helper through DeviceFirmware.Tests/TestSupport/)."
                        : string.Empty;
                Add(ProblemArea.ProjectSettings, $"{name}: remove the <ProjectReference> to {forbidden}.{why}");
            }
        }

        foreach (string include in project.NoneItems)
        {
            if (!File.Exists(ResolveItem(directory, include)))
            {
                Add(ProblemArea.ProjectSettings, $"{name}: <None Include=\"{include}\" /> names a file that does not exist: fix the path or remove the item.");
            }
        }

        bool testContainer = project.ProjectCapabilities.Contains("TestContainer", StringComparer.Ordinal);
        bool isTest = string.Equals(project.Property("IsTestProject"), "true", StringComparison.OrdinalIgnoreCase);
        if (expectation.IsUnitTestProject)
        {
            if (!testContainer)
            {
                Add(ProblemArea.ProjectSettings, $"{name}: add <ItemGroup><ProjectCapability Include=\"TestContainer\" /></ItemGroup>; without it Visual Studio's Test Explorer does not look for tests.");
            }
            if (!isTest)
            {
                Add(ProblemArea.ProjectSettings, $"{name}: set <IsTestProject>true</IsTestProject>.");
            }
            ExpectProperty(name, project, "TestProjectType", "UnitTest");
            CheckRunSettingsPath(name, directory, project.Property("RunSettingsFilePath"));
        }
        else if (testContainer || isTest)
        {
            Add(ProblemArea.ProjectSettings, $"{name}: remove IsTestProject/TestContainer; only {string.Join(" and ", _expectations.Where(e => e.IsUnitTestProject).Select(e => e.Path))} are test projects.");
        }
    }

    private void ExpectProperty(string name, NfprojFile project, string property, string expected)
    {
        string actual = project.Property(property);
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            string why = property == "AssemblyName" && expected == "NFUnitTest"
                ? " The nanoFramework UnitTestLauncher loads the tests from the assembly named NFUnitTest."
                : string.Empty;
            Add(ProblemArea.ProjectSettings, $"{name}: set <{property}>{expected}</{property}> (it is '{actual ?? "missing"}').{why}");
        }
    }

    private void CheckRunSettingsPath(string name, string directory, string value)
    {
        string expected = @"$(MSBuildProjectDirectory)\" + Path.GetRelativePath(directory, Full(ProjectExpectations.RunSettingsPath)).Replace(Path.DirectorySeparatorChar, '\\');
        if (string.IsNullOrEmpty(value))
        {
            Add(ProblemArea.ProjectSettings, $"{name}: add <PropertyGroup><RunSettingsFilePath>{expected}</RunSettingsFilePath></PropertyGroup> so that Visual Studio runs the tests with the repository's nano.runsettings.");
            return;
        }
        string expanded = value.Replace("$(MSBuildProjectDirectory)", directory, StringComparison.Ordinal)
            .Replace("$(MSBuildThisFileDirectory)", directory + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        string resolved = value.Contains("$(", StringComparison.Ordinal) && expanded.Contains("$(", StringComparison.Ordinal)
            ? null
            : ResolveItem(directory, expanded);
        if (resolved == null || resolved != Full(ProjectExpectations.RunSettingsPath))
        {
            string where = resolved == null ? "an unknown place" : Relative(resolved);
            Add(ProblemArea.ProjectSettings, $"{name}: <RunSettingsFilePath>{value}</RunSettingsFilePath> resolves to {where}, not the repository's nano.runsettings: set it to {expected}.");
        }
    }

    private void CheckProjectGuidsAreUnique()
    {
        foreach (IGrouping<string, KeyValuePair<string, NfprojFile>> group in _projects
            .Where(p => Guid.TryParse(p.Value.Property("ProjectGuid") ?? string.Empty, out _))
            .GroupBy(p => Guid.Parse(p.Value.Property("ProjectGuid")).ToString("D")))
        {
            if (group.Count() > 1)
            {
                Add(ProblemArea.ProjectSettings, $"{string.Join(" and ", group.Select(p => p.Key))} share the ProjectGuid {group.Key}: give each project its own GUID (and update DeviceFirmware.sln).");
            }
        }
    }

    // ---------------------------------------------------------------- compile items

    private void CheckCompileItems(ProjectExpectation expectation, NfprojFile project)
    {
        string name = expectation.Path;
        string directory = Path.GetDirectoryName(Full(name));
        string sync = $"run `{ProjectExpectations.SyncCommand}`";
        Dictionary<string, string> listed = new(StringComparer.Ordinal);

        foreach (string include in project.CompileItems)
        {
            if (include.IndexOfAny(new[] { '*', '?' }) >= 0 || include.Contains("$(", StringComparison.Ordinal))
            {
                Add(ProblemArea.CompileItems, $"{name}: <Compile Include=\"{include}\" /> is a wildcard or uses a property; nanoFramework projects list each file: {sync}.");
                continue;
            }
            if (include.Contains('/', StringComparison.Ordinal))
            {
                Add(ProblemArea.CompileItems, $"{name}: <Compile Include=\"{include}\" /> uses '/'; write backslashes as Visual Studio does: {sync}.");
            }
            string file = Relative(ResolveItem(directory, include));
            if (!listed.TryAdd(file, include))
            {
                Add(ProblemArea.CompileItems, $"{name}: {include} is listed twice (both name {file}); a file compiled twice does not build: remove one <Compile> item ({sync}).");
                continue;
            }
            if (file.StartsWith("../", StringComparison.Ordinal))
            {
                Add(ProblemArea.CompileItems, $"{name}: <Compile Include=\"{include}\" /> is outside the repository: remove the item ({sync}).");
                continue;
            }
            if (CompileItems.SourceFolderOf(expectation, file) == null)
            {
                string why = file.StartsWith(ProjectExpectations.HostOnlyFolder + "/", StringComparison.Ordinal)
                    ? $" {ProjectExpectations.HostOnlyFolder}/ is host-only (.NET 10)."
                    : string.Empty;
                Add(ProblemArea.CompileItems, $"{name}: <Compile Include=\"{include}\" /> names {file}, which is in none of the project's source folders ({string.Join(", ", expectation.SourceFolders)}), so the project must not compile it.{why} Remove the item ({sync}), or add its folder to the project's SourceFolders in tools/NfProj/ProjectExpectations.cs.");
                continue;
            }
            if (!File.Exists(Full(file)))
            {
                Add(ProblemArea.CompileItems, $"{name}: <Compile Include=\"{include}\" /> names {file}, which does not exist: {sync} (or remove the item).");
            }
        }

        foreach (string file in CompileItems.SourceFiles(expectation, _root))
        {
            if (!listed.ContainsKey(file))
            {
                Add(ProblemArea.CompileItems, $"{name} does not compile {file}: {sync} (or add {CompileItems.ItemOf(expectation, file).ToXml()}).");
            }
        }
    }

    /// <summary>The project's source folders exist, and none lies inside another (its files would be compiled twice).</summary>
    private void CheckSourceFolders(ProjectExpectation expectation)
    {
        const string Where = "tools/NfProj/ProjectExpectations.cs";
        foreach (string folder in expectation.SourceFolders)
        {
            if (!Directory.Exists(Full(folder)))
            {
                Add(ProblemArea.CompileItems, $"{expectation.Path}: the source folder {folder} does not exist: remove it from the project's SourceFolders in {Where} (or restore the folder).");
            }
            foreach (string other in expectation.SourceFolders)
            {
                if (!ReferenceEquals(folder, other) && (folder == other || other.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal)))
                {
                    Add(ProblemArea.CompileItems, $"{expectation.Path}: the source folder {other} is listed twice or lies inside the source folder {folder}, so its files would be compiled twice: list each folder once in the project's SourceFolders in {Where}.");
                }
            }
        }
    }

    /// <summary>
    /// Every shared test (every .cs under DeviceFirmware.Tests/ except Host/, bin/ and obj/) is compiled by at
    /// least one test project, and only TestSupport/ by more than one (a test class in two projects runs twice
    /// and takes string-table space in both).
    /// </summary>
    private void CheckSharedTestsAreCompiled()
    {
        ProjectExpectation[] testProjects = _expectations.Where(e => e.IsUnitTestProject).ToArray();
        if (testProjects.Length == 0)
        {
            return;
        }
        Dictionary<string, List<string>> compiledBy = new(StringComparer.Ordinal);
        foreach (ProjectExpectation project in testProjects)
        {
            foreach (string file in CompileItems.SourceFiles(project, _root))
            {
                if (!compiledBy.TryGetValue(file, out List<string> projects))
                {
                    compiledBy[file] = projects = new List<string>();
                }
                projects.Add(project.Path);
            }
        }
        string names = string.Join(" or ", testProjects.Select(p => p.Path));
        foreach (string file in CompileItems.FilesUnder(_root, ProjectExpectations.SharedTestsFolder, ProjectExpectations.HostOnlyFolder))
        {
            if (!compiledBy.TryGetValue(file, out List<string> projects))
            {
                string folder = file.Substring(0, file.LastIndexOf('/'));
                Add(ProblemArea.CompileItems, $"{file} is a shared test that no nanoFramework test project compiles: add its folder, {folder}, to the SourceFolders of {names} in tools/NfProj/ProjectExpectations.cs (DEVELOPERS.md: each NFUnitTest assembly's string table must stay under 64 KB), then run `{ProjectExpectations.SyncCommand}`.");
            }
            else if (projects.Count > 1 && !file.StartsWith(ProjectExpectations.TestSupportFolder + "/", StringComparison.Ordinal))
            {
                Add(ProblemArea.CompileItems, $"{file} is compiled by {string.Join(" and ", projects)}: a test runs twice and fills both string tables; keep its folder in one project's SourceFolders (tools/NfProj/ProjectExpectations.cs), or move a shared helper to {ProjectExpectations.TestSupportFolder}/.");
            }
        }
    }

    // ---------------------------------------------------------------- packages

    private void CheckPackages(ProjectExpectation expectation, List<PackageEntry> packages)
    {
        string config = expectation.PackagesConfig;
        foreach (IGrouping<string, PackageEntry> group in packages.GroupBy(p => p.Id, StringComparer.OrdinalIgnoreCase))
        {
            if (group.Count() > 1)
            {
                Add(ProblemArea.Packages, $"{config} lists {group.Key} {group.Count()} times: keep one <package> entry.");
            }
        }

        foreach (PackageEntry entry in packages)
        {
            if (entry.TargetFramework != NanoPackageGraph.TargetFramework)
            {
                Add(ProblemArea.Packages, $"{config}: {entry.Id} needs targetFramework=\"{NanoPackageGraph.TargetFramework}\" (it is '{entry.TargetFramework ?? "missing"}').");
            }
            if (!NanoPackageGraph.TryParseVersion(entry.Version, out _))
            {
                Add(ProblemArea.Packages, $"{config}: {entry.Id} version '{entry.Version}' is not a stable version; the 1.x nanoFramework packages cannot be mixed with preview (2.x generics) ones: use the version recorded in NanoPackageGraph.cs ({RunSync}).");
                continue;
            }
            if (expectation.ForbiddenPackages.Contains(entry.Id, StringComparer.Ordinal))
            {
                Add(ProblemArea.Packages, $"{config}: remove {entry.Id}. {ForbiddenReason(expectation, entry.Id)}");
                continue;
            }
            if (expectation.AllowedPackages != null && !expectation.AllowedPackages.Contains(entry.Id, StringComparer.Ordinal))
            {
                Add(ProblemArea.Packages, $"{config}: remove {entry.Id}; {expectation.Path} may reference only {string.Join(" and ", expectation.AllowedPackages)} (DEVELOPERS.md: the core references only nanoFramework.CoreLibrary; time, logging and hardware come in through interfaces).");
                continue;
            }
            PackageRecord record = NanoPackageGraph.Find(entry.Id, entry.Version);
            if (record == null)
            {
                IReadOnlyList<string> recorded = NanoPackageGraph.RecordedVersions(entry.Id);
                Add(ProblemArea.Packages, recorded.Count == 0
                    ? $"{config} lists {entry.Id} {entry.Version}, which NanoPackageGraph.cs does not know: record the package's nuspec dependencies and lib assemblies there, citing the nuspec, or remove it."
                    : $"{config} lists {entry.Id} {entry.Version}, but NanoPackageGraph.cs records {entry.Id} {string.Join(", ", recorded)}: use {recorded[0]} ({RunSync}), or record {entry.Version}'s nuspec dependencies and assemblies there in its place (citing the nuspec) and run it.");
                continue;
            }
            foreach (PackageDependency dependency in record.Dependencies)
            {
                PackageEntry present = packages.FirstOrDefault(p => p.Id == dependency.Id);
                if (present == null)
                {
                    string suggested = NanoPackageGraph.RecordedVersions(dependency.Id).FirstOrDefault() ?? dependency.MinVersion;
                    Add(ProblemArea.Packages, $"{config}: {entry.Id} {entry.Version} depends on {dependency.Id} >= {dependency.MinVersion} ({record.Source}), which is not listed; packages.config has no transitive restore: add <package id=\"{dependency.Id}\" version=\"{suggested}\" targetFramework=\"{NanoPackageGraph.TargetFramework}\" /> and a <Reference> to its assemblies ({RunSync} adds both).");
                }
                else if (NanoPackageGraph.TryParseVersion(present.Version, out Version have) && have < ParseVersion(dependency.MinVersion))
                {
                    Add(ProblemArea.Packages, $"{config}: {entry.Id} {entry.Version} needs {dependency.Id} >= {dependency.MinVersion} ({record.Source}) but {present.Version} is listed: raise it to {dependency.MinVersion} in packages.config and in the <Reference>/<HintPath> ({RunSync}).");
                }
            }
        }

        if (expectation.Path == ProjectExpectations.CorePath && packages.Any(p => p.Id == NanoPackageGraph.SystemCollections))
        {
            bool used = CompileItems.SourceFiles(expectation, _root).Any(f => CollectionsTypes.IsMatch(File.ReadAllText(Full(f))));
            if (!used)
            {
                Add(ProblemArea.Packages, $"{config}: remove nanoFramework.System.Collections (and its <Reference>); no core file uses Hashtable, Queue, Stack or DictionaryEntry, and the core references only nanoFramework.CoreLibrary unless it needs them.");
            }
        }

        foreach (string required in expectation.RequiredPackages)
        {
            if (!packages.Any(p => p.Id == required))
            {
                string version = NanoPackageGraph.RecordedVersions(required).FirstOrDefault() ?? "?";
                Add(ProblemArea.Packages, $"{config}: add <package id=\"{required}\" version=\"{version}\" targetFramework=\"{NanoPackageGraph.TargetFramework}\" /> and a <Reference> to its assemblies; {expectation.Path} requires it ({RunSync} adds both).");
            }
        }
    }

    private static string ForbiddenReason(ProjectExpectation expectation, string id)
    {
        if (expectation.IsUnitTestProject)
        {
            return "The nanoCLR virtual device that runs the tests has no nanoFramework.Hardware.Esp32 or System.Device.Wifi natives, so their .pe files in the test output stop it from loading; put such code behind an interface in the App and test it with a fake.";
        }
        return id == NanoPackageGraph.TestFramework
            ? "The test framework belongs to the test projects only."
            : "This project must not use it.";
    }

    private void CheckVersionsAgreeAcrossProjects()
    {
        foreach (IGrouping<string, (string Config, PackageEntry Entry)> group in _packages
            .SelectMany(p => p.Value.Select(e => (Config: _expectations.First(x => x.Path == p.Key).PackagesConfig, Entry: e)))
            .GroupBy(x => x.Entry.Id, StringComparer.Ordinal))
        {
            string[] versions = group.Select(x => x.Entry.Version).Distinct(StringComparer.Ordinal).ToArray();
            if (versions.Length > 1)
            {
                string where = string.Join(", ", group.Select(x => $"{x.Config} has {x.Entry.Version}"));
                Add(ProblemArea.Packages, $"{group.Key} differs between projects ({where}): use one version everywhere, or two copies of the assembly end up on the device.");
            }
        }
    }

    // ---------------------------------------------------------------- references

    private void CheckReferences(ProjectExpectation expectation, NfprojFile project, List<PackageEntry> packages)
    {
        string name = expectation.Path;
        string directory = Path.GetDirectoryName(Full(name));
        string prefix = Path.GetRelativePath(directory, Full(ProjectExpectations.PackagesFolder)).Replace(Path.DirectorySeparatorChar, '\\') + "\\";
        HashSet<(string Id, string LibPath)> referenced = new();

        foreach (IGrouping<string, ReferenceItem> group in project.References.GroupBy(r => SimpleName(r.Include), StringComparer.Ordinal))
        {
            if (group.Count() > 1)
            {
                Add(ProblemArea.References, $"{name} references {group.Key} {group.Count()} times: keep one <Reference>.");
            }
        }

        foreach (ReferenceItem reference in project.References)
        {
            string hint = reference.HintPath;
            if (string.IsNullOrEmpty(hint))
            {
                Add(ProblemArea.References, $"{name}: <Reference Include=\"{reference.Include}\"> has no <HintPath>; nanoFramework assemblies come from the packages folder: add <HintPath>{prefix}<Id>.<Version>\\lib\\<assembly></HintPath>.");
                continue;
            }
            if (!hint.StartsWith(prefix, StringComparison.Ordinal))
            {
                Add(ProblemArea.References, $"{name}: HintPath '{hint}' must start with '{prefix}', the packages folder beside DeviceFirmware.sln that `nuget restore DeviceFirmware.sln` fills.");
                continue;
            }
            string rest = hint.Substring(prefix.Length);
            int slash = rest.IndexOf('\\');
            if (slash <= 0)
            {
                Add(ProblemArea.References, $"{name}: HintPath '{hint}' does not name a package folder: write {prefix}<Id>.<Version>\\lib\\<assembly>.");
                continue;
            }
            string folder = rest.Substring(0, slash);
            string libPath = rest.Substring(slash + 1);
            PackageEntry entry = packages.FirstOrDefault(p => p.Folder == folder);
            if (entry == null)
            {
                Match match = PackageFolder.Match(folder);
                string id = match.Success ? match.Groups["id"].Value : folder;
                string version = match.Success ? match.Groups["version"].Value : "?";
                PackageEntry sameId = packages.FirstOrDefault(p => p.Id == id);
                Add(ProblemArea.References, sameId != null
                    ? $"{name}: HintPath '{hint}' names {id} {version} but {expectation.PackagesConfig} lists {id} {sameId.Version}: change the HintPath to {prefix}{sameId.Folder}\\{libPath} and the Reference's Version to match ({RunSync})."
                    : $"{name}: HintPath '{hint}' names package {id} {version}, which {expectation.PackagesConfig} does not list: add <package id=\"{id}\" version=\"{version}\" targetFramework=\"{NanoPackageGraph.TargetFramework}\" /> to it, or fix the HintPath.");
                continue;
            }
            PackageRecord record = NanoPackageGraph.Find(entry.Id, entry.Version);
            if (record == null)
            {
                continue; // reported under Packages
            }
            PackageAssembly assembly = record.Assemblies.FirstOrDefault(a => a.LibPath == libPath);
            if (assembly == null)
            {
                Add(ProblemArea.References, $"{name}: HintPath '{hint}' names {libPath}, which {entry.Id} {entry.Version} does not ship; it ships {string.Join(", ", record.Assemblies.Select(a => a.LibPath))}.");
                continue;
            }
            referenced.Add((entry.Id, assembly.LibPath));
            string expected = FullName(assembly);
            if (!string.Equals(Normalize(reference.Include), expected, StringComparison.Ordinal))
            {
                Add(ProblemArea.References, $"{name}: <Reference Include=\"{reference.Include}\"> for {hint} should be <Reference Include=\"{expected}\"> ({RunSync}).");
            }
        }

        foreach (PackageEntry entry in packages)
        {
            PackageRecord record = NanoPackageGraph.Find(entry.Id, entry.Version);
            if (record == null || expectation.ForbiddenPackages.Contains(entry.Id, StringComparer.Ordinal))
            {
                continue;
            }
            foreach (PackageAssembly assembly in record.Assemblies)
            {
                if (!referenced.Contains((entry.Id, assembly.LibPath)))
                {
                    Add(ProblemArea.References, $"{name}: {expectation.PackagesConfig} lists {entry.Id} {entry.Version} but nothing references its {assembly.LibPath}, so it is neither compiled against nor deployed: add <Reference Include=\"{FullName(assembly)}\"><HintPath>{prefix}{entry.Folder}\\{assembly.LibPath}</HintPath><Private>True</Private></Reference> ({RunSync}).");
                }
            }
        }
    }

    private static string FullName(PackageAssembly assembly) => NanoPackageGraph.FullName(assembly);

    private static string SimpleName(string include) => include.Split(',')[0].Trim();

    private static string Normalize(string include) => ProjectSync.Normalize(include);

    // ---------------------------------------------------------------- runsettings and solution

    private void CheckRunSettings()
    {
        string path = Full(ProjectExpectations.RunSettingsPath);
        if (!File.Exists(path))
        {
            Add(ProblemArea.RunSettings, "nano.runsettings is missing at the repository root: add it with <nanoFrameworkAdapter><IsRealHardware>False</IsRealHardware></nanoFrameworkAdapter> (the test projects and the Windows workflow use it).");
            return;
        }
        XDocument document;
        try
        {
            document = XDocument.Load(path);
        }
        catch (System.Xml.XmlException e)
        {
            Add(ProblemArea.RunSettings, $"nano.runsettings is not readable XML ({e.Message}): fix it.");
            return;
        }
        string realHardware = document.Root?.Element("nanoFrameworkAdapter")?.Element("IsRealHardware")?.Value.Trim();
        if (!string.Equals(realHardware, "False", StringComparison.OrdinalIgnoreCase))
        {
            Add(ProblemArea.RunSettings, $"nano.runsettings: set <RunSettings><nanoFrameworkAdapter><IsRealHardware>False</IsRealHardware> (it is '{realHardware ?? "missing"}'); CI runs the tests on the nanoCLR virtual device, not on a board.");
        }
    }

    private void CheckSolution()
    {
        string solutionName = ProjectExpectations.SolutionPath;
        string path = Full(solutionName);
        if (!File.Exists(path))
        {
            Add(ProblemArea.Solution, $"{solutionName} is missing at the repository root: add it with the nanoFramework projects.");
            return;
        }
        SolutionFile solution;
        try
        {
            solution = SolutionFile.Load(path);
        }
        catch (InvalidDataException e)
        {
            Add(ProblemArea.Solution, $"{solutionName} is not a Visual Studio solution ({e.Message}): fix its header.");
            return;
        }

        foreach (SolutionProject entry in solution.Projects)
        {
            string relative = entry.Path.Replace('\\', '/');
            string extension = Path.GetExtension(relative);
            if (entry.TypeGuid == "2150E333-8FDC-42A3-9474-1A3956D46DE8")
            {
                continue; // solution folder
            }
            if (!string.Equals(extension, ".nfproj", StringComparison.OrdinalIgnoreCase))
            {
                Add(ProblemArea.Solution, $"{solutionName} opens {entry.Path}; only the nanoFramework projects belong there (host projects live in DeviceFirmware.Host.slnx): remove it.");
                continue;
            }
            if (!File.Exists(Full(relative)))
            {
                Add(ProblemArea.Solution, $"{solutionName} opens {entry.Path}, which does not exist: fix the path or remove the Project entry.");
                continue;
            }
            if (entry.TypeGuid != ProjectExpectations.NanoFrameworkProjectType)
            {
                Add(ProblemArea.Solution, $"{solutionName}: the entry for {entry.Path} must use the project type {{{ProjectExpectations.NanoFrameworkProjectType}}} (it has {{{entry.TypeGuid}}}), or Visual Studio will not load it with the nanoFramework extension.");
            }
        }

        if (!solution.SolutionConfigurations.Contains("Debug|Any CPU") || !solution.SolutionConfigurations.Contains("Release|Any CPU"))
        {
            Add(ProblemArea.Solution, $"{solutionName}: the SolutionConfigurationPlatforms section must declare Debug|Any CPU and Release|Any CPU.");
        }

        foreach (ProjectExpectation expectation in _expectations)
        {
            SolutionProject entry = solution.Projects.FirstOrDefault(p => p.Path.Replace('\\', '/') == expectation.Path);
            string guid = _projects.TryGetValue(expectation.Path, out NfprojFile project)
                && Guid.TryParse(project.Property("ProjectGuid") ?? string.Empty, out Guid parsed)
                ? parsed.ToString("D").ToUpperInvariant()
                : null;
            if (entry == null)
            {
                Add(ProblemArea.Solution, $"{solutionName} does not open {expectation.Path}: add Project(\"{{{ProjectExpectations.NanoFrameworkProjectType}}}\") = \"{expectation.Name}\", \"{expectation.Path.Replace('/', '\\')}\", \"{{{guid ?? "<its ProjectGuid>"}}}\" / EndProject and its configurations.");
                continue;
            }
            if (guid != null && entry.Guid != guid)
            {
                Add(ProblemArea.Solution, $"{solutionName}: the entry for {entry.Path} has {{{entry.Guid}}} but the project's ProjectGuid is {guid}: use the same GUID in both.");
            }
            foreach (string configuration in new[] { "Debug", "Release" })
            {
                List<string> kinds = new() { "ActiveCfg", "Build.0" };
                if (expectation.DeploysFromSolution)
                {
                    kinds.Add("Deploy.0");
                }
                foreach (string kind in kinds)
                {
                    string line = $"{{{entry.Guid}}}.{configuration}|Any CPU.{kind} = {configuration}|Any CPU";
                    if (!solution.ProjectConfigurations.Contains(line))
                    {
                        Add(ProblemArea.Solution, $"{solutionName}: add '{line}' to the ProjectConfigurationPlatforms section ({expectation.Path}).");
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- sync

    /// <summary>Each project's files are as <see cref="ProjectSync"/> writes them (checked for the projects that could be read).</summary>
    private void CheckSynced()
    {
        foreach (ProjectExpectation expectation in _expectations.Where(e => _projects.ContainsKey(e.Path)))
        {
            try
            {
                foreach (FileChange change in ProjectSync.PlanProject(_root, expectation))
                {
                    Add(ProblemArea.Sync, $"{change.Path} is not as `{ProjectExpectations.SyncCommand}` writes it ({string.Join("; ", change.What)}): run it.");
                }
            }
            catch (SyncException e)
            {
                Add(ProblemArea.Sync, $"{e.Message} (`{ProjectExpectations.SyncCommand}` cannot rewrite it until then)");
            }
        }
    }

    // ---------------------------------------------------------------- versions

    private static Version ParseVersion(string text) => NanoPackageGraph.TryParseVersion(text, out Version version)
        ? version
        : throw new FormatException($"'{text}' in NanoPackageGraph.cs is not a version");
}
