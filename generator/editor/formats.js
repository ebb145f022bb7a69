// The web editor's own file format: a YAML file whose top level is a list
// (data/commitments.yml). Decap edits maps only, so the editor holds the list as
// {items: [...]} and writes it back as the list. Values stay text (FAILSAFE schema),
// exactly as the generator reads them.
CMS.registerCustomFormat("yaml-list", "yml", {
  fromFile: function (content) {
    var items = jsyaml.load(content || "[]", { schema: jsyaml.FAILSAFE_SCHEMA });
    return { items: Array.isArray(items) ? items : [] };
  },
  toFile: function (data) {
    return jsyaml.dump(data.items || [], { lineWidth: -1, noRefs: true });
  },
});
