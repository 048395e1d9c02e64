#include "provider/framework/schema_proto.h"

#include "provider/util/utf8.h"

namespace cloudssl::framework {

namespace {

// Markdown wins when given: Terraform shows it in docs and plain text elsewhere.
template <class Message>
void set_description(Message& m, const std::string& plain, const std::string& markdown) {
  if (!markdown.empty()) {
    m.set_description(markdown);
    m.set_description_kind(tfplugin6::MARKDOWN);
  } else {
    m.set_description(plain);
    m.set_description_kind(tfplugin6::PLAIN);
  }
}

tfplugin6::Schema::Object::NestingMode object_nesting(Nesting n) {
  switch (n) {
    case Nesting::List:
      return tfplugin6::Schema::Object::LIST;
    case Nesting::Set:
      return tfplugin6::Schema::Object::SET;
    case Nesting::Map:
      return tfplugin6::Schema::Object::MAP;
    case Nesting::Single:
    case Nesting::Group:
      break;
  }
  return tfplugin6::Schema::Object::SINGLE;
}

tfplugin6::Schema::NestedBlock::NestingMode block_nesting(Nesting n) {
  switch (n) {
    case Nesting::Single:
      return tfplugin6::Schema::NestedBlock::SINGLE;
    case Nesting::List:
      return tfplugin6::Schema::NestedBlock::LIST;
    case Nesting::Set:
      return tfplugin6::Schema::NestedBlock::SET;
    case Nesting::Map:
      return tfplugin6::Schema::NestedBlock::MAP;
    case Nesting::Group:
      return tfplugin6::Schema::NestedBlock::GROUP;
  }
  return tfplugin6::Schema::NestedBlock::INVALID;
}

tfplugin6::Function::Parameter to_proto(const FunctionParameter& p) {
  tfplugin6::Function::Parameter out;
  out.set_name(p.name);
  out.set_type(p.type.to_json());
  out.set_allow_null_value(p.allow_null);
  out.set_allow_unknown_values(p.allow_unknown);
  out.set_description(p.description);
  out.set_description_kind(tfplugin6::PLAIN);
  return out;
}

}  // namespace

tfplugin6::Schema::Attribute to_proto(const Attribute& a) {
  tfplugin6::Schema::Attribute out;
  out.set_name(a.name);
  if (a.nested.empty()) {
    out.set_type(a.type.to_json());
  } else {
    tfplugin6::Schema::Object* object = out.mutable_nested_type();
    object->set_nesting(object_nesting(a.nesting));
    for (const Attribute& n : a.nested) *object->add_attributes() = to_proto(n);
  }
  set_description(out, a.description, a.markdown_description);
  out.set_required(a.required);
  out.set_optional(a.optional);
  out.set_computed(a.computed);
  out.set_sensitive(a.sensitive);
  out.set_write_only(a.write_only);
  if (!a.deprecation_message.empty()) {
    out.set_deprecated(true);
    out.set_deprecation_message(a.deprecation_message);
  }
  return out;
}

tfplugin6::Schema::Block to_proto(const Block& block) {
  tfplugin6::Schema::Block out;
  for (const Attribute& a : block.attributes) *out.add_attributes() = to_proto(a);
  for (const NestedBlock& nb : block.blocks) {
    tfplugin6::Schema::NestedBlock* b = out.add_block_types();
    b->set_type_name(nb.type_name);
    *b->mutable_block() = to_proto(nb.block);
    b->set_nesting(block_nesting(nb.nesting));
    b->set_min_items(nb.min_items);
    b->set_max_items(nb.max_items);
  }
  set_description(out, block.description, block.markdown_description);
  if (!block.deprecation_message.empty()) {
    out.set_deprecated(true);
    out.set_deprecation_message(block.deprecation_message);
  }
  return out;
}

tfplugin6::Schema to_proto(const Schema& schema) {
  tfplugin6::Schema out;
  out.set_version(schema.version);
  *out.mutable_block() = to_proto(schema.block);
  return out;
}

tfplugin6::Function to_proto(const FunctionSignature& signature) {
  tfplugin6::Function out;
  for (const FunctionParameter& p : signature.parameters) *out.add_parameters() = to_proto(p);
  if (signature.variadic) *out.mutable_variadic_parameter() = to_proto(*signature.variadic);
  out.mutable_return_()->set_type(signature.return_type.to_json());
  out.set_summary(signature.summary);
  out.set_description(signature.description);
  out.set_description_kind(tfplugin6::PLAIN);
  out.set_deprecation_message(signature.deprecation_message);
  return out;
}

tfplugin6::AttributePath to_proto(const codec::Path& path) {
  tfplugin6::AttributePath out;
  const codec::Path wire_path = path.until_set_element();
  for (const codec::Path::Step& step : wire_path.steps()) {
    tfplugin6::AttributePath::Step* s = out.add_steps();
    switch (step.kind) {
      case codec::Path::Step::Kind::Attribute:
        s->set_attribute_name(util::valid_utf8(step.name));
        break;
      case codec::Path::Step::Kind::MapKey:
        s->set_element_key_string(util::valid_utf8(step.name));
        break;
      case codec::Path::Step::Kind::Index:
        s->set_element_key_int(step.index);
        break;
      case codec::Path::Step::Kind::SetElement:  // removed by until_set_element()
        break;
    }
  }
  return out;
}

codec::Path from_proto(const tfplugin6::AttributePath& path) {
  codec::Path out;
  for (const tfplugin6::AttributePath::Step& s : path.steps()) {
    switch (s.selector_case()) {
      case tfplugin6::AttributePath::Step::kAttributeName:
        out = out.attr(s.attribute_name());
        break;
      case tfplugin6::AttributePath::Step::kElementKeyString:
        out = out.key(s.element_key_string());
        break;
      case tfplugin6::AttributePath::Step::kElementKeyInt:
        out = out.index(s.element_key_int());
        break;
      case tfplugin6::AttributePath::Step::SELECTOR_NOT_SET:
        break;
    }
  }
  return out;
}

tfplugin6::Diagnostic to_proto(const Diagnostic& d) {
  tfplugin6::Diagnostic out;
  out.set_severity(d.severity == Severity::Error ? tfplugin6::Diagnostic::ERROR
                                                 : tfplugin6::Diagnostic::WARNING);
  // Protobuf strings must be valid UTF-8: a diagnostic quoting part of a multi-byte
  // character would otherwise turn into a plugin error that hides it.
  out.set_summary(util::valid_utf8(d.summary));
  out.set_detail(util::valid_utf8(d.detail));
  if (d.attribute && !d.attribute->empty()) {
    tfplugin6::AttributePath path = to_proto(*d.attribute);
    if (path.steps_size() > 0) *out.mutable_attribute() = std::move(path);
  }
  return out;
}

void append_diagnostics(const Diagnostics& diagnostics,
                        google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>* out) {
  for (const Diagnostic& d : diagnostics.all()) *out->Add() = to_proto(d);
}

}  // namespace cloudssl::framework
