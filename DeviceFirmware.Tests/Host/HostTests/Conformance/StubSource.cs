using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace DeviceFirmware.Tests.Host.Conformance;

/// <summary>What a declaration in a NanoStubs stub source file declares.</summary>
internal enum StubDeclarationKind
{
    Type,
    Delegate,
    Constructor,
    StaticConstructor,
    Method,
    Operator,
    Property,
    Indexer,
    Event,
    Field,
    EnumValue,
}

/// <summary>One declaration of a stub source file, with the citation comment written above it.</summary>
internal sealed class StubDeclaration
{
    public StubDeclaration(StubDeclarationKind kind, string typeName, string name, IReadOnlyList<string> parameters, string citation, string file, int line)
    {
        Kind = kind;
        TypeName = typeName;
        Name = name;
        Parameters = parameters;
        Citation = citation;
        File = file;
        Line = line;
    }

    public StubDeclarationKind Kind { get; }

    /// <summary>The declaring type in metadata form (<c>Ns.Outer/Inner</c>); for a type or delegate, the type itself.</summary>
    public string TypeName { get; }

    /// <summary>
    /// The member's metadata name: a method's name, <c>.ctor</c>, <c>op_Equality</c>, a property's or
    /// event's name, an indexer's <c>[IndexerName]</c> (default <c>Item</c>), a field's or enum value's name;
    /// for a type, its simple name.
    /// </summary>
    public string Name { get; }

    /// <summary>Parameter types in short form (<c>Int32</c>, <c>Byte[]</c>, <c>Int32&amp;</c>); null where there are none to declare.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>The <c>Repository:path</c> of the first citation comment above the declaration, or null.</summary>
    public string Citation { get; }

    public string File { get; }

    public int Line { get; }

    public override string ToString() => $"{File}:{Line}: {Kind} {TypeName}{(Kind is StubDeclarationKind.Type or StubDeclarationKind.Delegate ? string.Empty : "::" + Name)}"
        + (Parameters == null ? string.Empty : "(" + string.Join(", ", Parameters) + ")");
}

/// <summary>
/// Reads the declarations of a NanoStubs stub source file and the citation comment above each one.
/// The stubs are signature-only C# in a fixed style (NanoStubs/README.md, "Adding a member"): every
/// declaration is preceded by a <c>// Repository:path/File.cs</c> comment, bodies are <c>{ throw null; }</c>,
/// and there are no generics. This is a declaration scanner for that style, not a C# parser: it
/// tokenises the file (so braces inside strings or comments cannot confuse it), walks namespaces and
/// type bodies, and classifies each declaration head by its keywords. Anything it cannot map back
/// to a compiled member is reported by <see cref="StubSurface"/>, so a construct it misreads fails
/// loudly instead of passing.
/// </summary>
internal static class StubSource
{
    /// <summary><c>Repository:path/File.cs</c> at the start of a comment (after <c>//</c>).</summary>
    public static readonly Regex CitationPattern = new(@"^\s*(?<repo>[A-Za-z0-9_.\-]+):(?<path>[A-Za-z0-9_.\-/]+\.(cs|nfproj))\b", RegexOptions.CultureInvariant);

    private static readonly HashSet<string> TypeKeywords = new(StringComparer.Ordinal) { "class", "struct", "interface", "enum", "record" };

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["void"] = "Void", ["bool"] = "Boolean", ["char"] = "Char", ["sbyte"] = "SByte", ["byte"] = "Byte",
        ["short"] = "Int16", ["ushort"] = "UInt16", ["int"] = "Int32", ["uint"] = "UInt32", ["long"] = "Int64",
        ["ulong"] = "UInt64", ["float"] = "Single", ["double"] = "Double", ["string"] = "String", ["object"] = "Object",
        ["nint"] = "IntPtr", ["nuint"] = "UIntPtr", ["decimal"] = "Decimal",
    };

    private static readonly Dictionary<string, string> BinaryOperators = new(StringComparer.Ordinal)
    {
        ["=="] = "op_Equality", ["!="] = "op_Inequality", ["<"] = "op_LessThan", [">"] = "op_GreaterThan",
        ["<="] = "op_LessThanOrEqual", [">="] = "op_GreaterThanOrEqual", ["+"] = "op_Addition", ["-"] = "op_Subtraction",
        ["*"] = "op_Multiply", ["/"] = "op_Division", ["%"] = "op_Modulus", ["&"] = "op_BitwiseAnd", ["|"] = "op_BitwiseOr",
        ["^"] = "op_ExclusiveOr",
    };

    private static readonly Dictionary<string, string> UnaryOperators = new(StringComparer.Ordinal)
    {
        ["-"] = "op_UnaryNegation", ["+"] = "op_UnaryPlus", ["!"] = "op_LogicalNot", ["~"] = "op_OnesComplement",
        ["++"] = "op_Increment", ["--"] = "op_Decrement",
    };

    private static readonly string[] MultiCharPunctuation = { "==", "!=", "<=", ">=", "=>", "&&", "||", "++", "--", "::", "??" };

    /// <summary>Reads every declaration of one file; <paramref name="displayName"/> names it in messages.</summary>
    public static List<StubDeclaration> Read(string path, string displayName = null)
    {
        return Parse(File.ReadAllText(path), displayName ?? Path.GetFileName(path));
    }

    /// <summary>Reads every declaration of C# text.</summary>
    public static List<StubDeclaration> Parse(string text, string displayName)
    {
        var parser = new Parser(Tokenize(text), displayName);
        parser.Scope(string.Empty, null, false);
        return parser.Declarations;
    }

    /// <summary>
    /// The short form of a C# type as written in source (<c>string</c>, <c>System.Exception</c>,
    /// <c>IMqttClient.X</c>, <c>byte[]</c>), or of a signature type in allow-list text form
    /// (<c>System.Byte[]</c>, <c>Ns.Outer/Inner</c>, <c>System.Int32&amp;</c>): the simple name with array and
    /// by-ref suffixes. Both sides of a source-to-metadata match use it.
    /// </summary>
    public static string ShortTypeName(string type)
    {
        string suffix = string.Empty;
        string core = type.Replace(" ", string.Empty, StringComparison.Ordinal);
        while (true)
        {
            if (core.EndsWith("&", StringComparison.Ordinal))
            {
                suffix = "&" + suffix;
                core = core.Substring(0, core.Length - 1);
            }
            else if (core.EndsWith("[]", StringComparison.Ordinal))
            {
                suffix = "[]" + suffix;
                core = core.Substring(0, core.Length - 2);
            }
            else
            {
                break;
            }
        }

        int cut = Math.Max(core.LastIndexOf('.'), core.LastIndexOf('/'));
        string simple = cut < 0 ? core : core.Substring(cut + 1);
        return (Aliases.TryGetValue(simple, out string alias) ? alias : simple) + suffix;
    }

    private enum TokenKind
    {
        Identifier,
        Punctuation,
        Literal,
        Comment,
    }

    private readonly record struct Token(TokenKind Kind, string Text, int Line);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int line = 1;
        int i = 0;
        bool lineStart = true;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\n')
            {
                line++;
                i++;
                lineStart = true;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (lineStart && c == '#')
            {
                // Preprocessor directive: the stubs have none that change declarations.
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            lineStart = false;
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                int end = text.IndexOf('\n', i);
                end = end < 0 ? text.Length : end;
                tokens.Add(new Token(TokenKind.Comment, text.Substring(i + 2, end - i - 2).TrimEnd('\r'), line));
                i = end;
                continue;
            }

            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                int end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 2;
                string body = text.Substring(i, end - i);
                tokens.Add(new Token(TokenKind.Comment, body.Trim('/', '*', ' '), line));
                line += body.Count(ch => ch == '\n');
                i = end;
                continue;
            }

            if (c == '"' || (c == '@' && i + 1 < text.Length && text[i + 1] == '"'))
            {
                bool verbatim = c == '@';
                i += verbatim ? 2 : 1;
                var value = new StringBuilder();
                while (i < text.Length)
                {
                    char s = text[i];
                    if (s == '\n')
                    {
                        line++;
                    }

                    if (!verbatim && s == '\\' && i + 1 < text.Length)
                    {
                        value.Append(text[i + 1]);
                        i += 2;
                        continue;
                    }

                    if (s == '"')
                    {
                        if (verbatim && i + 1 < text.Length && text[i + 1] == '"')
                        {
                            value.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    value.Append(s);
                    i++;
                }

                tokens.Add(new Token(TokenKind.Literal, "\"" + value + "\"", line));
                continue;
            }

            if (c == '\'')
            {
                int start = i++;
                while (i < text.Length && text[i] != '\'')
                {
                    i += text[i] == '\\' ? 2 : 1;
                }

                i++;
                tokens.Add(new Token(TokenKind.Literal, text.Substring(start, Math.Min(i, text.Length) - start), line));
                continue;
            }

            if (char.IsDigit(c))
            {
                int start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '.' || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Literal, text.Substring(start, i - start), line));
                continue;
            }

            if (char.IsLetter(c) || c == '_' || c == '@')
            {
                int start = i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, text.Substring(start, i - start).TrimStart('@'), line));
                continue;
            }

            string punctuation = MultiCharPunctuation.FirstOrDefault(p => string.CompareOrdinal(text, i, p, 0, p.Length) == 0) ?? c.ToString();
            tokens.Add(new Token(TokenKind.Punctuation, punctuation, line));
            i += punctuation.Length;
        }

        return tokens;
    }

    private sealed class Parser
    {
        private readonly List<Token> _tokens;
        private readonly string _file;
        private int _pos;

        public Parser(List<Token> tokens, string file)
        {
            _tokens = tokens;
            _file = file;
        }

        public List<StubDeclaration> Declarations { get; } = new();

        private bool AtEnd => _pos >= _tokens.Count;

        private Token Current => _tokens[_pos];

        /// <summary>Reads declarations until the closing brace of the scope (consumed) or the end of the file.</summary>
        public void Scope(string ns, string type, bool isEnum)
        {
            while (true)
            {
                var comments = new List<Token>();
                while (!AtEnd && Current.Kind == TokenKind.Comment)
                {
                    comments.Add(_tokens[_pos++]);
                }

                if (AtEnd)
                {
                    return;
                }

                if (Is("}"))
                {
                    _pos++;
                    return;
                }

                if (Is(";") || Is(","))
                {
                    _pos++;
                    continue;
                }

                if (isEnum)
                {
                    EnumValue(type, comments);
                    continue;
                }

                var attributes = new List<Token>();
                while (!AtEnd && (Is("[") || Current.Kind == TokenKind.Comment))
                {
                    if (Current.Kind == TokenKind.Comment)
                    {
                        comments.Add(_tokens[_pos++]);
                        continue;
                    }

                    attributes.AddRange(Group("[", "]"));
                }

                if (AtEnd)
                {
                    return; // assembly-level attributes
                }

                Declaration(ns, type, Citation(comments), attributes);
            }
        }

        private void Declaration(string ns, string type, string citation, List<Token> attributes)
        {
            int line = Current.Line;
            List<Token> head = Head(out string terminator);
            List<string> words = head.Where(t => t.Kind == TokenKind.Identifier).Select(t => t.Text).ToList();
            int firstParen = head.FindIndex(t => t.Kind == TokenKind.Punctuation && t.Text == "(");
            List<string> beforeParen = (firstParen < 0 ? head : head.Take(firstParen))
                .Where(t => t.Kind == TokenKind.Identifier).Select(t => t.Text).ToList();

            if (words.Count > 0 && words[0] == "using")
            {
                SkipTo(terminator, ";");
                return;
            }

            if (beforeParen.Contains("namespace"))
            {
                string name = string.Concat(head.SkipWhile(t => t.Text != "namespace").Skip(1).Select(t => t.Text));
                Expect(terminator, "{", "namespace");
                Scope(ns.Length == 0 ? name : ns + "." + name, null, false);
                return;
            }

            int keyword = beforeParen.FindIndex(TypeKeywords.Contains);
            if (keyword >= 0 && !beforeParen.Contains("delegate"))
            {
                string simple = beforeParen[keyword + 1];
                string full = TypeFullName(ns, type, simple);
                Add(StubDeclarationKind.Type, full, simple, null, citation, line);
                Expect(terminator, "{", "type " + full);
                Scope(ns, full, beforeParen[keyword] == "enum");
                return;
            }

            if (beforeParen.Contains("delegate"))
            {
                string simple = beforeParen[^1];
                Add(StubDeclarationKind.Delegate, TypeFullName(ns, type, simple), simple, Parameters(head, firstParen, "(", ")"), citation, line);
                SkipTo(terminator, ";");
                return;
            }

            if (type == null)
            {
                throw Fail(line, "a member outside a type");
            }

            if (beforeParen.Contains("event"))
            {
                Add(StubDeclarationKind.Event, type, beforeParen[^1], null, citation, line);
                Body(terminator);
                return;
            }

            int operatorAt = head.FindIndex(t => t.Kind == TokenKind.Identifier && t.Text == "operator");
            if (operatorAt >= 0)
            {
                List<string> parameters = Parameters(head, firstParen, "(", ")");
                string symbol = string.Concat(head.Skip(operatorAt + 1).Take(firstParen - operatorAt - 1).Select(t => t.Text));
                string name = words.Contains("implicit") ? "op_Implicit"
                    : words.Contains("explicit") ? "op_Explicit"
                    : parameters.Count == 1 && UnaryOperators.TryGetValue(symbol, out string unary) ? unary
                    : BinaryOperators.TryGetValue(symbol, out string binary) ? binary
                    : throw Fail(line, "unknown operator " + symbol);
                Add(StubDeclarationKind.Operator, type, name, parameters, citation, line);
                Body(terminator);
                return;
            }

            int thisAt = head.FindIndex(t => t.Kind == TokenKind.Identifier && t.Text == "this");
            if (thisAt >= 0 && thisAt + 1 < head.Count && head[thisAt + 1].Text == "[")
            {
                string name = IndexerName(attributes) ?? "Item";
                Add(StubDeclarationKind.Indexer, type, name, Parameters(head, thisAt + 1, "[", "]"), citation, line);
                Body(terminator);
                return;
            }

            if (firstParen > 0)
            {
                string name = head[firstParen - 1].Text;
                string simpleType = type.Substring(Math.Max(type.LastIndexOf('.'), type.LastIndexOf('/')) + 1);
                List<string> parameters = Parameters(head, firstParen, "(", ")");
                if (name == simpleType)
                {
                    bool isStatic = beforeParen.Contains("static");
                    Add(isStatic ? StubDeclarationKind.StaticConstructor : StubDeclarationKind.Constructor, type, isStatic ? ".cctor" : ".ctor", parameters, citation, line);
                }
                else
                {
                    Add(StubDeclarationKind.Method, type, name, parameters, citation, line);
                }

                Body(terminator);
                return;
            }

            if (words.Count == 0)
            {
                throw Fail(line, "a declaration without a name");
            }

            if (terminator is "{" or "=>")
            {
                Add(StubDeclarationKind.Property, type, words[^1], null, citation, line);
                Body(terminator);
                if (!AtEnd && Is("="))
                {
                    _pos++;
                    SkipTo("=", ";");
                }

                return;
            }

            Add(StubDeclarationKind.Field, type, words[^1], null, citation, line);
            SkipTo(terminator, ";");
        }

        private void EnumValue(string type, List<Token> comments)
        {
            if (Current.Kind != TokenKind.Identifier)
            {
                throw Fail(Current.Line, "expected an enum value name, found '" + Current.Text + "'");
            }

            Token name = _tokens[_pos++];
            int depth = 0;
            while (!AtEnd && !(depth == 0 && (Is(",") || Is("}"))))
            {
                depth += Is("(") ? 1 : Is(")") ? -1 : 0;
                _pos++;
            }

            Add(StubDeclarationKind.EnumValue, type, name.Text, null, Citation(comments), name.Line);
        }

        /// <summary>Tokens up to the first depth-0 '{', ';', '=' or '=>' (consumed; returned in <paramref name="terminator"/>).</summary>
        private List<Token> Head(out string terminator)
        {
            var head = new List<Token>();
            int depth = 0;
            while (!AtEnd)
            {
                Token t = _tokens[_pos++];
                if (t.Kind == TokenKind.Comment)
                {
                    continue;
                }

                if (t.Kind == TokenKind.Punctuation)
                {
                    if (t.Text is "(" or "[")
                    {
                        depth++;
                    }
                    else if (t.Text is ")" or "]")
                    {
                        depth--;
                    }
                    else if (depth == 0 && t.Text is "{" or ";" or "=" or "=>")
                    {
                        terminator = t.Text;
                        return head;
                    }
                }

                head.Add(t);
            }

            throw Fail(head.Count > 0 ? head[0].Line : 0, "unterminated declaration");
        }

        /// <summary>After a member head: skips a block body, an expression body, or nothing (';').</summary>
        private void Body(string terminator)
        {
            switch (terminator)
            {
                case "{":
                    _pos--;
                    Group("{", "}");
                    break;
                case "=>":
                    SkipTo("=>", ";");
                    break;
                case ";":
                    break;
                default:
                    throw Fail(AtEnd ? 0 : Current.Line, "unexpected '" + terminator + "' after a member");
            }
        }

        /// <summary>Skips to and past the next depth-0 ';' unless the terminator already was one.</summary>
        private void SkipTo(string terminator, string end)
        {
            if (terminator == end)
            {
                return;
            }

            int depth = 0;
            while (!AtEnd)
            {
                Token t = _tokens[_pos++];
                if (t.Kind != TokenKind.Punctuation)
                {
                    continue;
                }

                if (t.Text is "(" or "[" or "{")
                {
                    depth++;
                }
                else if (t.Text is ")" or "]" or "}")
                {
                    depth--;
                }
                else if (depth == 0 && t.Text == end)
                {
                    return;
                }
            }
        }

        /// <summary>Consumes a balanced group starting at the current token and returns its tokens.</summary>
        private List<Token> Group(string open, string close)
        {
            var group = new List<Token>();
            int depth = 0;
            while (!AtEnd)
            {
                Token t = _tokens[_pos++];
                group.Add(t);
                if (t.Kind == TokenKind.Punctuation && t.Text == open)
                {
                    depth++;
                }
                else if (t.Kind == TokenKind.Punctuation && t.Text == close && --depth == 0)
                {
                    return group;
                }
            }

            throw Fail(group.Count > 0 ? group[0].Line : 0, "unbalanced " + open);
        }

        /// <summary>Short parameter types of the group opening at head[open].</summary>
        private List<string> Parameters(List<Token> head, int open, string openText, string closeText)
        {
            var result = new List<string>();
            var current = new List<Token>();
            int depth = 0;
            for (int i = open; i < head.Count; i++)
            {
                Token t = head[i];
                if (t.Kind == TokenKind.Punctuation && (t.Text == openText || t.Text is "(" or "["))
                {
                    if (depth++ == 0)
                    {
                        continue;
                    }
                }
                else if (t.Kind == TokenKind.Punctuation && (t.Text == closeText || t.Text is ")" or "]"))
                {
                    if (--depth == 0)
                    {
                        break;
                    }
                }
                else if (depth == 1 && t.Kind == TokenKind.Punctuation && t.Text == ",")
                {
                    result.Add(ParameterType(current));
                    current.Clear();
                    continue;
                }

                current.Add(t);
            }

            if (current.Count > 0)
            {
                result.Add(ParameterType(current));
            }

            return result;
        }

        private string ParameterType(List<Token> parameter)
        {
            // [attributes] [params|this|ref|out|in] Type name [= default]
            var tokens = new List<Token>(parameter);
            while (tokens.Count > 0 && tokens[0].Text == "[")
            {
                int close = tokens.FindIndex(t => t.Text == "]");
                tokens.RemoveRange(0, close + 1);
            }

            int equals = tokens.FindIndex(t => t.Kind == TokenKind.Punctuation && t.Text == "=");
            if (equals >= 0)
            {
                tokens.RemoveRange(equals, tokens.Count - equals);
            }

            bool byRef = false;
            while (tokens.Count > 0 && tokens[0].Kind == TokenKind.Identifier && tokens[0].Text is "params" or "this" or "ref" or "out" or "in")
            {
                byRef |= tokens[0].Text is "ref" or "out" or "in";
                tokens.RemoveAt(0);
            }

            if (tokens.Count < 2 || tokens[^1].Kind != TokenKind.Identifier)
            {
                throw Fail(parameter.Count > 0 ? parameter[0].Line : 0, "cannot read parameter '" + string.Join(" ", parameter.Select(t => t.Text)) + "'");
            }

            string type = string.Concat(tokens.Take(tokens.Count - 1).Select(t => t.Text));
            return ShortTypeName(type) + (byRef ? "&" : string.Empty);
        }

        private static string IndexerName(List<Token> attributes)
        {
            int at = attributes.FindIndex(t => t.Kind == TokenKind.Identifier && t.Text is "IndexerName" or "IndexerNameAttribute");
            if (at < 0)
            {
                return null;
            }

            Token literal = attributes.Skip(at).FirstOrDefault(t => t.Kind == TokenKind.Literal);
            return literal.Text?.Trim('"');
        }

        private static string Citation(List<Token> comments)
        {
            foreach (Token comment in comments)
            {
                Match match = CitationPattern.Match(comment.Text);
                if (match.Success)
                {
                    return match.Groups["repo"].Value + ":" + match.Groups["path"].Value;
                }
            }

            return null;
        }

        private static string TypeFullName(string ns, string outer, string simple)
        {
            if (outer != null)
            {
                return outer + "/" + simple;
            }

            return ns.Length == 0 ? simple : ns + "." + simple;
        }

        private void Add(StubDeclarationKind kind, string type, string name, IReadOnlyList<string> parameters, string citation, int line)
        {
            Declarations.Add(new StubDeclaration(kind, type, name, parameters, citation, _file, line));
        }

        private void Expect(string terminator, string expected, string what)
        {
            if (terminator != expected)
            {
                throw Fail(AtEnd ? 0 : Current.Line, $"expected '{expected}' after {what}, found '{terminator}'");
            }
        }

        private bool Is(string punctuation) => Current.Kind == TokenKind.Punctuation && Current.Text == punctuation;

        private FormatException Fail(int line, string why) => new($"{_file}:{line}: {why} (the stub scanner reads the style described in NanoStubs/README.md)");
    }
}
