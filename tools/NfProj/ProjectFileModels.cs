using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace DeviceFirmware.NfProj;

/// <summary>A <c>&lt;Reference&gt;</c> item of a project file.</summary>
internal sealed record ReferenceItem(string Include, string HintPath);

/// <summary>The parts of a classic (non-SDK) MSBuild project file that the checks read.</summary>
internal sealed class NfprojFile
{
    private static readonly XNamespace MsBuild = "http://schemas.microsoft.com/developer/msbuild/2003";

    private NfprojFile()
    {
    }

    public Dictionary<string, string> Properties { get; } = new(StringComparer.Ordinal);

    public List<string> CompileItems { get; } = new();

    public List<ReferenceItem> References { get; } = new();

    public List<string> ProjectReferences { get; } = new();

    public List<string> NoneItems { get; } = new();

    public List<string> ProjectCapabilities { get; } = new();

    public List<string> Imports { get; } = new();

    /// <summary>The value of a property (the last definition wins, as in MSBuild), or null.</summary>
    public string Property(string name) => Properties.TryGetValue(name, out string value) ? value : null;

    public static NfprojFile Load(string path)
    {
        XDocument document = XDocument.Load(path);
        NfprojFile project = new();
        XElement root = document.Root;
        if (root == null || root.Name != MsBuild + "Project")
        {
            throw new InvalidDataException("the root element is not an MSBuild 2003 <Project>");
        }

        foreach (XElement group in root.Elements(MsBuild + "PropertyGroup"))
        {
            foreach (XElement property in group.Elements())
            {
                project.Properties[property.Name.LocalName] = property.Value.Trim();
            }
        }

        foreach (XElement group in root.Elements(MsBuild + "ItemGroup"))
        {
            foreach (XElement item in group.Elements())
            {
                string include = (string)item.Attribute("Include") ?? string.Empty;
                switch (item.Name.LocalName)
                {
                    case "Compile":
                        project.CompileItems.Add(include);
                        break;
                    case "Reference":
                        project.References.Add(new ReferenceItem(include, item.Element(MsBuild + "HintPath")?.Value.Trim()));
                        break;
                    case "ProjectReference":
                        project.ProjectReferences.Add(include);
                        break;
                    case "None":
                        project.NoneItems.Add(include);
                        break;
                    case "ProjectCapability":
                        project.ProjectCapabilities.Add(include);
                        break;
                }
            }
        }

        foreach (XElement import in root.Elements(MsBuild + "Import"))
        {
            project.Imports.Add((string)import.Attribute("Project") ?? string.Empty);
        }

        return project;
    }
}

/// <summary>One <c>&lt;package&gt;</c> of a packages.config.</summary>
internal sealed record PackageEntry(string Id, string Version, string TargetFramework, bool DevelopmentDependency)
{
    public string Folder => Id + "." + Version;
}

/// <summary>A NuGet packages.config.</summary>
internal static class PackagesConfigFile
{
    public static List<PackageEntry> Load(string path)
    {
        XDocument document = XDocument.Load(path);
        if (document.Root == null || document.Root.Name.LocalName != "packages")
        {
            throw new InvalidDataException("the root element is not <packages>");
        }
        return document.Root.Elements("package")
            .Select(p => new PackageEntry(
                (string)p.Attribute("id") ?? string.Empty,
                (string)p.Attribute("version") ?? string.Empty,
                (string)p.Attribute("targetFramework"),
                string.Equals((string)p.Attribute("developmentDependency"), "true", StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }
}

/// <summary>A <c>Project(...)</c> entry of a Visual Studio solution.</summary>
internal sealed record SolutionProject(string TypeGuid, string Name, string Path, string Guid);

/// <summary>The project entries and configuration lines of a Visual Studio .sln file.</summary>
internal sealed class SolutionFile
{
    private static readonly Regex ProjectLine = new(
        @"^Project\(""\{(?<type>[0-9A-Fa-f-]{36})\}""\)\s*=\s*""(?<name>[^""]*)""\s*,\s*""(?<path>[^""]*)""\s*,\s*""\{(?<guid>[0-9A-Fa-f-]{36})\}""\s*$",
        RegexOptions.CultureInvariant);

    private SolutionFile()
    {
    }

    public List<SolutionProject> Projects { get; } = new();

    /// <summary>Lines of the ProjectConfigurationPlatforms section, e.g. <c>{GUID}.Debug|Any CPU.Build.0 = Debug|Any CPU</c>.</summary>
    public HashSet<string> ProjectConfigurations { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> SolutionConfigurations { get; } = new(StringComparer.Ordinal);

    public static SolutionFile Load(string path)
    {
        string[] lines = File.ReadAllLines(path);
        if (!lines.Any(l => l.TrimStart('\uFEFF').StartsWith("Microsoft Visual Studio Solution File, Format Version 12.00", StringComparison.Ordinal)))
        {
            throw new InvalidDataException("no 'Microsoft Visual Studio Solution File, Format Version 12.00' header");
        }

        SolutionFile solution = new();
        string section = null;
        foreach (string raw in lines)
        {
            string line = raw.Trim();
            Match match = ProjectLine.Match(line);
            if (match.Success)
            {
                solution.Projects.Add(new SolutionProject(
                    match.Groups["type"].Value.ToUpperInvariant(),
                    match.Groups["name"].Value,
                    match.Groups["path"].Value,
                    match.Groups["guid"].Value.ToUpperInvariant()));
                continue;
            }
            if (line.StartsWith("GlobalSection(", StringComparison.Ordinal))
            {
                section = line.Substring("GlobalSection(".Length, line.IndexOf(')') - "GlobalSection(".Length);
                continue;
            }
            if (line == "EndGlobalSection")
            {
                section = null;
                continue;
            }
            if (section == "ProjectConfigurationPlatforms" && line.Length > 0)
            {
                solution.ProjectConfigurations.Add(Regex.Replace(line, @"\s*=\s*", " = "));
            }
            else if (section == "SolutionConfigurationPlatforms" && line.Length > 0)
            {
                solution.SolutionConfigurations.Add(line.Split('=')[0].Trim());
            }
        }
        return solution;
    }
}
