import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 7349:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var resolveBlockMap = __nccwpck_require__(7103);
var resolveBlockSeq = __nccwpck_require__(334);
var resolveFlowCollection = __nccwpck_require__(3142);

function resolveCollection(CN, ctx, token, onError, tagName, tag) {
    const coll = token.type === 'block-map'
        ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag)
        : token.type === 'block-seq'
            ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag)
            : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
    const Coll = coll.constructor;
    // If we got a tagName matching the class, or the tag name is '!',
    // then use the tagName from the node class used to create it.
    if (tagName === '!' || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
    }
    if (tagName)
        coll.tag = tagName;
    return coll;
}
function composeCollection(CN, ctx, token, props, onError) {
    const tagToken = props.tag;
    const tagName = !tagToken
        ? null
        : ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg));
    if (token.type === 'block-seq') {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken
            ? anchor.offset > tagToken.offset
                ? anchor
                : tagToken
            : (anchor ?? tagToken);
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
            const message = 'Missing newline after block sequence props';
            onError(lastProp, 'MISSING_CHAR', message);
        }
    }
    const expType = token.type === 'block-map'
        ? 'map'
        : token.type === 'block-seq'
            ? 'seq'
            : token.start.source === '{'
                ? 'map'
                : 'seq';
    // shortcut: check if it's a generic YAMLMap or YAMLSeq
    // before jumping into the custom tag logic.
    if (!tagToken ||
        !tagName ||
        tagName === '!' ||
        (tagName === YAMLMap.YAMLMap.tagName && expType === 'map') ||
        (tagName === YAMLSeq.YAMLSeq.tagName && expType === 'seq')) {
        return resolveCollection(CN, ctx, token, onError, tagName);
    }
    let tag = ctx.schema.tags.find(t => t.tag === tagName && t.collection === expType);
    if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
            ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
            tag = kt;
        }
        else {
            if (kt) {
                onError(tagToken, 'BAD_COLLECTION_TYPE', `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? 'scalar'}`, true);
            }
            else {
                onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, true);
            }
            return resolveCollection(CN, ctx, token, onError, tagName);
        }
    }
    const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
    const res = tag.resolve?.(coll, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg), ctx.options) ?? coll;
    const node = identity.isNode(res)
        ? res
        : new Scalar.Scalar(res);
    node.range = coll.range;
    node.tag = tagName;
    if (tag?.format)
        node.format = tag.format;
    return node;
}

exports.composeCollection = composeCollection;


/***/ }),

/***/ 3683:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Document = __nccwpck_require__(3021);
var composeNode = __nccwpck_require__(5937);
var resolveEnd = __nccwpck_require__(7788);
var resolveProps = __nccwpck_require__(4631);

function composeDoc(options, directives, { offset, start, value, end }, onError) {
    const opts = Object.assign({ _directives: directives }, options);
    const doc = new Document.Document(undefined, opts);
    const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
    };
    const props = resolveProps.resolveProps(start, {
        indicator: 'doc-start',
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
    });
    if (props.found) {
        doc.directives.docStart = true;
        if (value &&
            (value.type === 'block-map' || value.type === 'block-seq') &&
            !props.hasNewline)
            onError(props.end, 'MISSING_CHAR', 'Block collection cannot start on same line with directives-end marker');
    }
    // @ts-expect-error If Contents is set, let's trust the user
    doc.contents = value
        ? composeNode.composeNode(ctx, value, props, onError)
        : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
    const contentEnd = doc.contents.range[2];
    const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
    if (re.comment)
        doc.comment = re.comment;
    doc.range = [offset, contentEnd, re.offset];
    return doc;
}

exports.composeDoc = composeDoc;


/***/ }),

/***/ 5937:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var composeCollection = __nccwpck_require__(7349);
var composeScalar = __nccwpck_require__(5413);
var resolveEnd = __nccwpck_require__(7788);
var utilEmptyScalarPosition = __nccwpck_require__(2599);

const CN = { composeNode, composeEmptyNode };
function composeNode(ctx, token, props, onError) {
    const atKey = ctx.atKey;
    const { spaceBefore, comment, anchor, tag } = props;
    let node;
    let isSrcToken = true;
    switch (token.type) {
        case 'alias':
            node = composeAlias(ctx, token, onError);
            if (anchor || tag)
                onError(token, 'ALIAS_PROPS', 'An alias node must not specify any properties');
            break;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'block-scalar':
            node = composeScalar.composeScalar(ctx, token, tag, onError);
            if (anchor)
                node.anchor = anchor.source.substring(1);
            break;
        case 'block-map':
        case 'block-seq':
        case 'flow-collection':
            try {
                node = composeCollection.composeCollection(CN, ctx, token, props, onError);
                if (anchor)
                    node.anchor = anchor.source.substring(1);
            }
            catch (error) {
                // Almost certainly here due to a stack overflow
                const message = error instanceof Error ? error.message : String(error);
                onError(token, 'RESOURCE_EXHAUSTION', message);
            }
            break;
        default: {
            const message = token.type === 'error'
                ? token.message
                : `Unsupported token (type: ${token.type})`;
            onError(token, 'UNEXPECTED_TOKEN', message);
            isSrcToken = false;
        }
    }
    node ?? (node = composeEmptyNode(ctx, token.offset, undefined, null, props, onError));
    if (anchor && node.anchor === '')
        onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    if (atKey &&
        ctx.options.stringKeys &&
        (!identity.isScalar(node) ||
            typeof node.value !== 'string' ||
            (node.tag && node.tag !== 'tag:yaml.org,2002:str'))) {
        const msg = 'With stringKeys, all keys must be strings';
        onError(tag ?? token, 'NON_STRING_KEY', msg);
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        if (token.type === 'scalar' && token.source === '')
            node.comment = comment;
        else
            node.commentBefore = comment;
    }
    // @ts-expect-error Type checking misses meaning of isSrcToken
    if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
    return node;
}
function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
    const token = {
        type: 'scalar',
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ''
    };
    const node = composeScalar.composeScalar(ctx, token, tag, onError);
    if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === '')
            onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        node.comment = comment;
        node.range[2] = end;
    }
    return node;
}
function composeAlias({ options }, { offset, source, end }, onError) {
    const alias = new Alias.Alias(source.substring(1));
    if (alias.source === '')
        onError(offset, 'BAD_ALIAS', 'Alias cannot be an empty string');
    if (alias.source.endsWith(':'))
        onError(offset + source.length - 1, 'BAD_ALIAS', 'Alias ending in : is ambiguous', true);
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
    alias.range = [offset, valueEnd, re.offset];
    if (re.comment)
        alias.comment = re.comment;
    return alias;
}

exports.composeEmptyNode = composeEmptyNode;
exports.composeNode = composeNode;


/***/ }),

/***/ 5413:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var resolveBlockScalar = __nccwpck_require__(8913);
var resolveFlowScalar = __nccwpck_require__(6842);

function composeScalar(ctx, token, tagToken, onError) {
    const { value, type, comment, range } = token.type === 'block-scalar'
        ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError)
        : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
    const tagName = tagToken
        ? ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg))
        : null;
    let tag;
    if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
    }
    else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
    else if (token.type === 'scalar')
        tag = findScalarTagByTest(ctx, value, token, onError);
    else
        tag = ctx.schema[identity.SCALAR];
    let scalar;
    try {
        const res = tag.resolve(value, msg => onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
    }
    catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg);
        scalar = new Scalar.Scalar(value);
    }
    scalar.range = range;
    scalar.source = value;
    if (type)
        scalar.type = type;
    if (tagName)
        scalar.tag = tagName;
    if (tag.format)
        scalar.format = tag.format;
    if (comment)
        scalar.comment = comment;
    return scalar;
}
function findScalarTagByName(schema, value, tagName, tagToken, onError) {
    if (tagName === '!')
        return schema[identity.SCALAR]; // non-specific tag
    const matchWithTest = [];
    for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
            if (tag.default && tag.test)
                matchWithTest.push(tag);
            else
                return tag;
        }
    }
    for (const tag of matchWithTest)
        if (tag.test?.test(value))
            return tag;
    const kt = schema.knownTags[tagName];
    if (kt && !kt.collection) {
        // Ensure that the known tag is available for stringifying,
        // but does not get used by default.
        schema.tags.push(Object.assign({}, kt, { default: false, test: undefined }));
        return kt;
    }
    onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, tagName !== 'tag:yaml.org,2002:str');
    return schema[identity.SCALAR];
}
function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
    const tag = schema.tags.find(tag => (tag.default === true || (atKey && tag.default === 'key')) &&
        tag.test?.test(value)) || schema[identity.SCALAR];
    if (schema.compat) {
        const compat = schema.compat.find(tag => tag.default && tag.test?.test(value)) ??
            schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
            const ts = directives.tagString(tag.tag);
            const cs = directives.tagString(compat.tag);
            const msg = `Value may be parsed as either ${ts} or ${cs}`;
            onError(token, 'TAG_RESOLVE_FAILED', msg, true);
        }
    }
    return tag;
}

exports.composeScalar = composeScalar;


/***/ }),

/***/ 9984:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var directives = __nccwpck_require__(1342);
var Document = __nccwpck_require__(3021);
var errors = __nccwpck_require__(1464);
var identity = __nccwpck_require__(1127);
var composeDoc = __nccwpck_require__(3683);
var resolveEnd = __nccwpck_require__(7788);

function getErrorPos(src) {
    if (typeof src === 'number')
        return [src, src + 1];
    if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
    const { offset, source } = src;
    return [offset, offset + (typeof source === 'string' ? source.length : 1)];
}
function parsePrelude(prelude) {
    let comment = '';
    let atComment = false;
    let afterEmptyLine = false;
    for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
            case '#':
                comment +=
                    (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') +
                        (source.substring(1) || ' ');
                atComment = true;
                afterEmptyLine = false;
                break;
            case '%':
                if (prelude[i + 1]?.[0] !== '#')
                    i += 1;
                atComment = false;
                break;
            default:
                // This may be wrong after doc-end, but in that case it doesn't matter
                if (!atComment)
                    afterEmptyLine = true;
                atComment = false;
        }
    }
    return { comment, afterEmptyLine };
}
/**
 * Compose a stream of CST nodes into a stream of YAML Documents.
 *
 * ```ts
 * import { Composer, Parser } from 'yaml'
 *
 * const src: string = ...
 * const tokens = new Parser().parse(src)
 * const docs = new Composer().compose(tokens)
 * ```
 */
class Composer {
    constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
            const pos = getErrorPos(source);
            if (warning)
                this.warnings.push(new errors.YAMLWarning(pos, code, message));
            else
                this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        this.directives = new directives.Directives({ version: options.version || '1.2' });
        this.options = options;
    }
    decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        //console.log({ dc: doc.comment, prelude, comment })
        if (comment) {
            const dc = doc.contents;
            if (afterDoc) {
                doc.comment = doc.comment ? `${doc.comment}\n${comment}` : comment;
            }
            else if (afterEmptyLine || doc.directives.docStart || !dc) {
                doc.commentBefore = comment;
            }
            else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
                let it = dc.items[0];
                if (identity.isPair(it))
                    it = it.key;
                const cb = it.commentBefore;
                it.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
            else {
                const cb = dc.commentBefore;
                dc.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
        }
        if (afterDoc) {
            for (let i = 0; i < this.errors.length; ++i)
                doc.errors.push(this.errors[i]);
            for (let i = 0; i < this.warnings.length; ++i)
                doc.warnings.push(this.warnings[i]);
        }
        else {
            doc.errors = this.errors;
            doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
    }
    /**
     * Current stream status information.
     *
     * Mostly useful at the end of input for an empty stream.
     */
    streamInfo() {
        return {
            comment: parsePrelude(this.prelude).comment,
            directives: this.directives,
            errors: this.errors,
            warnings: this.warnings
        };
    }
    /**
     * Compose tokens into documents.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
            yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
    }
    /** Advance the composer by one CST token. */
    *next(token) {
        if (node_process.env.LOG_STREAM)
            console.dir(token, { depth: null });
        switch (token.type) {
            case 'directive':
                this.directives.add(token.source, (offset, message, warning) => {
                    const pos = getErrorPos(token);
                    pos[0] += offset;
                    this.onError(pos, 'BAD_DIRECTIVE', message, warning);
                });
                this.prelude.push(token.source);
                this.atDirectives = true;
                break;
            case 'document': {
                const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
                if (this.atDirectives && !doc.directives.docStart)
                    this.onError(token, 'MISSING_CHAR', 'Missing directives-end/doc-start indicator line');
                this.decorate(doc, false);
                if (this.doc)
                    yield this.doc;
                this.doc = doc;
                this.atDirectives = false;
                break;
            }
            case 'byte-order-mark':
            case 'space':
                break;
            case 'comment':
            case 'newline':
                this.prelude.push(token.source);
                break;
            case 'error': {
                const msg = token.source
                    ? `${token.message}: ${JSON.stringify(token.source)}`
                    : token.message;
                const error = new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg);
                if (this.atDirectives || !this.doc)
                    this.errors.push(error);
                else
                    this.doc.errors.push(error);
                break;
            }
            case 'doc-end': {
                if (!this.doc) {
                    const msg = 'Unexpected doc-end without preceding document';
                    this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg));
                    break;
                }
                this.doc.directives.docEnd = true;
                const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
                this.decorate(this.doc, true);
                if (end.comment) {
                    const dc = this.doc.comment;
                    this.doc.comment = dc ? `${dc}\n${end.comment}` : end.comment;
                }
                this.doc.range[2] = end.offset;
                break;
            }
            default:
                this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', `Unsupported token ${token.type}`));
        }
    }
    /**
     * Call at end of input to yield any remaining document.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
            this.decorate(this.doc, true);
            yield this.doc;
            this.doc = null;
        }
        else if (forceDoc) {
            const opts = Object.assign({ _directives: this.directives }, this.options);
            const doc = new Document.Document(undefined, opts);
            if (this.atDirectives)
                this.onError(endOffset, 'MISSING_CHAR', 'Missing directives-end indicator line');
            doc.range = [0, endOffset, endOffset];
            this.decorate(doc, false);
            yield doc;
        }
    }
}

exports.Composer = Composer;


/***/ }),

/***/ 7103:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);
var resolveProps = __nccwpck_require__(4631);
var utilContainsNewline = __nccwpck_require__(9499);
var utilFlowIndentCheck = __nccwpck_require__(4051);
var utilMapIncludes = __nccwpck_require__(1187);

const startColMsg = 'All mapping items must start at the same column';
function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
    const map = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    let offset = bm.offset;
    let commentEnd = null;
    for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        // key properties
        const keyProps = resolveProps.resolveProps(start, {
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: bm.indent,
            startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
            if (key) {
                if (key.type === 'block-seq')
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'A block sequence may not be used as an implicit map key');
                else if ('indent' in key && key.indent !== bm.indent)
                    onError(offset, 'BAD_INDENT', startColMsg);
            }
            if (!keyProps.anchor && !keyProps.tag && !sep) {
                commentEnd = keyProps.end;
                if (keyProps.comment) {
                    if (map.comment)
                        map.comment += '\n' + keyProps.comment;
                    else
                        map.comment = keyProps.comment;
                }
                continue;
            }
            if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
                onError(key ?? start[start.length - 1], 'MULTILINE_IMPLICIT_KEY', 'Implicit keys need to be on a single line');
            }
        }
        else if (keyProps.found?.indent !== bm.indent) {
            onError(offset, 'BAD_INDENT', startColMsg);
        }
        // key value
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key
            ? composeNode(ctx, key, keyProps, onError)
            : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
            onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
        // value properties
        const valueProps = resolveProps.resolveProps(sep ?? [], {
            indicator: 'map-value-ind',
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: bm.indent,
            startOnNewline: !key || key.type === 'block-scalar'
        });
        offset = valueProps.end;
        if (valueProps.found) {
            if (implicitKey) {
                if (value?.type === 'block-map' && !valueProps.hasNewline)
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'Nested mappings are not allowed in compact mappings');
                if (ctx.options.strict &&
                    keyProps.start < valueProps.found.offset - 1024)
                    onError(keyNode.range, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit block mapping key');
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
            if (ctx.schema.compat)
                utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
            offset = valueNode.range[2];
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
        else {
            // key with no value
            if (implicitKey)
                onError(keyNode.range, 'MISSING_CHAR', 'Implicit map keys need to be followed by map values');
            if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
    }
    if (commentEnd && commentEnd < offset)
        onError(commentEnd, 'IMPOSSIBLE', 'Map comment with trailing content');
    map.range = [bm.offset, offset, commentEnd ?? offset];
    return map;
}

exports.resolveBlockMap = resolveBlockMap;


/***/ }),

/***/ 8913:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

function resolveBlockScalar(ctx, scalar, onError) {
    const start = scalar.offset;
    const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
    if (!header)
        return { value: '', type: null, comment: '', range: [start, start, start] };
    const type = header.mode === '>' ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
    const lines = scalar.source ? splitLines(scalar.source) : [];
    // determine the end of content & start of chomping
    let chompStart = lines.length;
    for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === '' || content === '\r')
            chompStart = i;
        else
            break;
    }
    // shortcut for empty contents
    if (chompStart === 0) {
        const value = header.chomp === '+' && lines.length > 0
            ? '\n'.repeat(Math.max(1, lines.length - 1))
            : '';
        let end = start + header.length;
        if (scalar.source)
            end += scalar.source.length;
        return { value, type, comment: header.comment, range: [start, end, end] };
    }
    // find the indentation level to trim from start
    let trimIndent = scalar.indent + header.indent;
    let offset = scalar.offset + header.length;
    let contentStart = 0;
    for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === '' || content === '\r') {
            if (header.indent === 0 && indent.length > trimIndent)
                trimIndent = indent.length;
        }
        else {
            if (indent.length < trimIndent) {
                const message = 'Block scalars with more-indented leading empty lines must use an explicit indentation indicator';
                onError(offset + indent.length, 'MISSING_CHAR', message);
            }
            if (header.indent === 0)
                trimIndent = indent.length;
            contentStart = i;
            if (trimIndent === 0 && !ctx.atRoot) {
                const message = 'Block scalar values in collections must be indented';
                onError(offset, 'BAD_INDENT', message);
            }
            break;
        }
        offset += indent.length + content.length + 1;
    }
    // include trailing more-indented empty lines in content
    for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
            chompStart = i + 1;
    }
    let value = '';
    let sep = '';
    let prevMoreIndented = false;
    // leading whitespace is kept intact
    for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + '\n';
    for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === '\r';
        if (crlf)
            content = content.slice(0, -1);
        /* istanbul ignore if already caught in lexer */
        if (content && indent.length < trimIndent) {
            const src = header.indent
                ? 'explicit indentation indicator'
                : 'first line';
            const message = `Block scalar lines must not be less indented than their ${src}`;
            onError(offset - content.length - (crlf ? 2 : 1), 'BAD_INDENT', message);
            indent = '';
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
        }
        else if (indent.length > trimIndent || content[0] === '\t') {
            // more-indented content within a folded block
            if (sep === ' ')
                sep = '\n';
            else if (!prevMoreIndented && sep === '\n')
                sep = '\n\n';
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
            prevMoreIndented = true;
        }
        else if (content === '') {
            // empty line
            if (sep === '\n')
                value += '\n';
            else
                sep = '\n';
        }
        else {
            value += sep + content;
            sep = ' ';
            prevMoreIndented = false;
        }
    }
    switch (header.chomp) {
        case '-':
            break;
        case '+':
            for (let i = chompStart; i < lines.length; ++i)
                value += '\n' + lines[i][0].slice(trimIndent);
            if (value[value.length - 1] !== '\n')
                value += '\n';
            break;
        default:
            value += '\n';
    }
    const end = start + header.length + scalar.source.length;
    return { value, type, comment: header.comment, range: [start, end, end] };
}
function parseBlockScalarHeader({ offset, props }, strict, onError) {
    /* istanbul ignore if should not happen */
    if (props[0].type !== 'block-scalar-header') {
        onError(props[0], 'IMPOSSIBLE', 'Block scalar header not found');
        return null;
    }
    const { source } = props[0];
    const mode = source[0];
    let indent = 0;
    let chomp = '';
    let error = -1;
    for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === '-' || ch === '+'))
            chomp = ch;
        else {
            const n = Number(ch);
            if (!indent && n)
                indent = n;
            else if (error === -1)
                error = offset + i;
        }
    }
    if (error !== -1)
        onError(error, 'UNEXPECTED_TOKEN', `Block scalar header includes extra characters: ${source}`);
    let hasSpace = false;
    let comment = '';
    let length = source.length;
    for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
            case 'space':
                hasSpace = true;
            // fallthrough
            case 'newline':
                length += token.source.length;
                break;
            case 'comment':
                if (strict && !hasSpace) {
                    const message = 'Comments must be separated from other tokens by white space characters';
                    onError(token, 'MISSING_CHAR', message);
                }
                length += token.source.length;
                comment = token.source.substring(1);
                break;
            case 'error':
                onError(token, 'UNEXPECTED_TOKEN', token.message);
                length += token.source.length;
                break;
            /* istanbul ignore next should not happen */
            default: {
                const message = `Unexpected token in block scalar header: ${token.type}`;
                onError(token, 'UNEXPECTED_TOKEN', message);
                const ts = token.source;
                if (ts && typeof ts === 'string')
                    length += ts.length;
            }
        }
    }
    return { mode, indent, chomp, comment, length };
}
/** @returns Array of lines split up as `[indent, content]` */
function splitLines(source) {
    const split = source.split(/\n( *)/);
    const first = split[0];
    const m = first.match(/^( *)/);
    const line0 = m?.[1]
        ? [m[1], first.slice(m[1].length)]
        : ['', first];
    const lines = [line0];
    for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
    return lines;
}

exports.resolveBlockScalar = resolveBlockScalar;


/***/ }),

/***/ 334:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var YAMLSeq = __nccwpck_require__(2223);
var resolveProps = __nccwpck_require__(4631);
var utilFlowIndentCheck = __nccwpck_require__(4051);

function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
    const seq = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = bs.offset;
    let commentEnd = null;
    for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
            indicator: 'seq-item-ind',
            next: value,
            offset,
            onError,
            parentIndent: bs.indent,
            startOnNewline: true
        });
        if (!props.found) {
            if (props.anchor || props.tag || value) {
                if (value?.type === 'block-seq')
                    onError(props.end, 'BAD_INDENT', 'All sequence items must start at the same column');
                else
                    onError(offset, 'MISSING_CHAR', 'Sequence item without - indicator');
            }
            else {
                commentEnd = props.end;
                if (props.comment)
                    seq.comment = props.comment;
                continue;
            }
        }
        const node = value
            ? composeNode(ctx, value, props, onError)
            : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
    }
    seq.range = [bs.offset, offset, commentEnd ?? offset];
    return seq;
}

exports.resolveBlockSeq = resolveBlockSeq;


/***/ }),

/***/ 7788:
/***/ ((__unused_webpack_module, exports) => {



function resolveEnd(end, offset, reqSpace, onError) {
    let comment = '';
    if (end) {
        let hasSpace = false;
        let sep = '';
        for (const token of end) {
            const { source, type } = token;
            switch (type) {
                case 'space':
                    hasSpace = true;
                    break;
                case 'comment': {
                    if (reqSpace && !hasSpace)
                        onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                    const cb = source.substring(1) || ' ';
                    if (!comment)
                        comment = cb;
                    else
                        comment += sep + cb;
                    sep = '';
                    break;
                }
                case 'newline':
                    if (comment)
                        sep += source;
                    hasSpace = true;
                    break;
                default:
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${type} at node end`);
            }
            offset += source.length;
        }
    }
    return { comment, offset };
}

exports.resolveEnd = resolveEnd;


/***/ }),

/***/ 3142:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var resolveEnd = __nccwpck_require__(7788);
var resolveProps = __nccwpck_require__(4631);
var utilContainsNewline = __nccwpck_require__(9499);
var utilMapIncludes = __nccwpck_require__(1187);

const blockMsg = 'Block collections are not allowed within flow collections';
const isBlock = (token) => token && (token.type === 'block-map' || token.type === 'block-seq');
function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
    const isMap = fc.start.source === '{';
    const fcName = isMap ? 'flow map' : 'flow sequence';
    const NodeClass = (tag?.nodeClass ?? (isMap ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq));
    const coll = new NodeClass(ctx.schema);
    coll.flow = true;
    const atRoot = ctx.atRoot;
    if (atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = fc.offset + fc.start.source.length;
    for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
            flow: fcName,
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
        });
        if (!props.found) {
            if (!props.anchor && !props.tag && !sep && !value) {
                if (i === 0 && props.comma)
                    onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
                else if (i < fc.items.length - 1)
                    onError(props.start, 'UNEXPECTED_TOKEN', `Unexpected empty item in ${fcName}`);
                if (props.comment) {
                    if (coll.comment)
                        coll.comment += '\n' + props.comment;
                    else
                        coll.comment = props.comment;
                }
                offset = props.end;
                continue;
            }
            if (!isMap && ctx.options.strict && utilContainsNewline.containsNewline(key))
                onError(key, // checked by containsNewline()
                'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
        }
        if (i === 0) {
            if (props.comma)
                onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
        }
        else {
            if (!props.comma)
                onError(props.start, 'MISSING_CHAR', `Missing , between ${fcName} items`);
            if (props.comment) {
                let prevItemComment = '';
                loop: for (const st of start) {
                    switch (st.type) {
                        case 'comma':
                        case 'space':
                            break;
                        case 'comment':
                            prevItemComment = st.source.substring(1);
                            break loop;
                        default:
                            break loop;
                    }
                }
                if (prevItemComment) {
                    let prev = coll.items[coll.items.length - 1];
                    if (identity.isPair(prev))
                        prev = prev.value ?? prev.key;
                    if (prev.comment)
                        prev.comment += '\n' + prevItemComment;
                    else
                        prev.comment = prevItemComment;
                    props.comment = props.comment.substring(prevItemComment.length + 1);
                }
            }
        }
        if (!isMap && !sep && !props.found) {
            // item is a value in a seq
            // → key & sep are empty, start does not include ? or :
            const valueNode = value
                ? composeNode(ctx, value, props, onError)
                : composeEmptyNode(ctx, props.end, sep, null, props, onError);
            coll.items.push(valueNode);
            offset = valueNode.range[2];
            if (isBlock(value))
                onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
        }
        else {
            // item is a key+value pair
            // key value
            ctx.atKey = true;
            const keyStart = props.end;
            const keyNode = key
                ? composeNode(ctx, key, props, onError)
                : composeEmptyNode(ctx, keyStart, start, null, props, onError);
            if (isBlock(key))
                onError(keyNode.range, 'BLOCK_IN_FLOW', blockMsg);
            ctx.atKey = false;
            // value properties
            const valueProps = resolveProps.resolveProps(sep ?? [], {
                flow: fcName,
                indicator: 'map-value-ind',
                next: value,
                offset: keyNode.range[2],
                onError,
                parentIndent: fc.indent,
                startOnNewline: false
            });
            if (valueProps.found) {
                if (!isMap && !props.found && ctx.options.strict) {
                    if (sep)
                        for (const st of sep) {
                            if (st === valueProps.found)
                                break;
                            if (st.type === 'newline') {
                                onError(st, 'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
                                break;
                            }
                        }
                    if (props.start < valueProps.found.offset - 1024)
                        onError(valueProps.found, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit flow sequence key');
                }
            }
            else if (value) {
                if ('source' in value && value.source?.[0] === ':')
                    onError(value, 'MISSING_CHAR', `Missing space after : in ${fcName}`);
                else
                    onError(valueProps.start, 'MISSING_CHAR', `Missing , or : between ${fcName} items`);
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : valueProps.found
                    ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError)
                    : null;
            if (valueNode) {
                if (isBlock(value))
                    onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
            }
            else if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            if (isMap) {
                const map = coll;
                if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
                    onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
                map.items.push(pair);
            }
            else {
                const map = new YAMLMap.YAMLMap(ctx.schema);
                map.flow = true;
                map.items.push(pair);
                const endRange = (valueNode ?? keyNode).range;
                map.range = [keyNode.range[0], endRange[1], endRange[2]];
                coll.items.push(map);
            }
            offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
    }
    const expectedEnd = isMap ? '}' : ']';
    const [ce, ...ee] = fc.end;
    let cePos = offset;
    if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
    else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot
            ? `${name} must end with a ${expectedEnd}`
            : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? 'MISSING_CHAR' : 'BAD_INDENT', msg);
        if (ce && ce.source.length !== 1)
            ee.unshift(ce);
    }
    if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
            if (coll.comment)
                coll.comment += '\n' + end.comment;
            else
                coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
    }
    else {
        coll.range = [fc.offset, cePos, cePos];
    }
    return coll;
}

exports.resolveFlowCollection = resolveFlowCollection;


/***/ }),

/***/ 6842:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var resolveEnd = __nccwpck_require__(7788);

function resolveFlowScalar(scalar, strict, onError) {
    const { offset, type, source, end } = scalar;
    let _type;
    let value;
    const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
    switch (type) {
        case 'scalar':
            _type = Scalar.Scalar.PLAIN;
            value = plainValue(source, _onError);
            break;
        case 'single-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_SINGLE;
            value = singleQuotedValue(source, _onError);
            break;
        case 'double-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_DOUBLE;
            value = doubleQuotedValue(source, _onError);
            break;
        /* istanbul ignore next should not happen */
        default:
            onError(scalar, 'UNEXPECTED_TOKEN', `Expected a flow scalar value, but found: ${type}`);
            return {
                value: '',
                type: null,
                comment: '',
                range: [offset, offset + source.length, offset + source.length]
            };
    }
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
    return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
    };
}
function plainValue(source, onError) {
    let badChar = '';
    switch (source[0]) {
        /* istanbul ignore next should not happen */
        case '\t':
            badChar = 'a tab character';
            break;
        case ',':
            badChar = 'flow indicator character ,';
            break;
        case '%':
            badChar = 'directive indicator character %';
            break;
        case '|':
        case '>': {
            badChar = `block scalar indicator ${source[0]}`;
            break;
        }
        case '@':
        case '`': {
            badChar = `reserved character ${source[0]}`;
            break;
        }
    }
    if (badChar)
        onError(0, 'BAD_SCALAR_START', `Plain value cannot start with ${badChar}`);
    return unfoldLines(source);
}
function singleQuotedValue(source, onError) {
    if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, 'MISSING_CHAR', "Missing closing 'quote");
    return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
}
function unfoldLines(source) {
    const line = /(.*?)\r?\n/sy;
    let match = line.exec(source);
    if (!match)
        return source;
    /**
     * The negative lookbehinds in these RegExps are to
     * prevent causing a polynomial search time in certain cases.
     *
     * The try-catch is for Safari < 16.4 and other old browsers:
     * https://caniuse.com/js-regexp-lookbehind
     */
    let trimEnd, trimBoth;
    try {
        trimEnd = new RegExp('(?<![ \t])[ \t]+$');
        trimBoth = new RegExp('^[ \t]+|(?<![ \t])[ \t]+$', 'g');
    }
    catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
    }
    let res = match[1].replace(trimEnd, '');
    let sep = ' ';
    let pos = line.lastIndex;
    while ((match = line.exec(source))) {
        const lm = match[1].replace(trimBoth, '');
        if (lm === '') {
            if (sep === '\n')
                res += sep;
            else
                sep = '\n';
        }
        else {
            res += sep + lm;
            sep = ' ';
        }
        pos = line.lastIndex;
    }
    const last = /[ \t]*(.*)/sy;
    last.lastIndex = pos;
    match = last.exec(source);
    return res + sep + (match?.[1] ?? '');
}
function doubleQuotedValue(source, onError) {
    let res = '';
    for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === '\r' && source[i + 1] === '\n')
            continue;
        if (ch === '\n') {
            const { fold, offset } = foldNewline(source, i);
            res += fold;
            i = offset;
        }
        else if (ch === '\\') {
            let next = source[++i];
            const cc = escapeCodes[next];
            if (cc)
                res += cc;
            else if (next === '\n') {
                // skip escaped newlines, but still trim the following line
                next = source[i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === '\r' && source[i + 1] === '\n') {
                // skip escaped CRLF newlines, but still trim the following line
                next = source[++i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === 'x' || next === 'u' || next === 'U') {
                const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
                res += parseCharCode(source, i + 1, length, onError);
                i += length;
            }
            else {
                const raw = source.substr(i - 1, 2);
                onError(i - 1, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
                res += raw;
            }
        }
        else if (ch === ' ' || ch === '\t') {
            // trim trailing whitespace
            const wsStart = i;
            let next = source[i + 1];
            while (next === ' ' || next === '\t')
                next = source[++i + 1];
            if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n'))
                res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        }
        else {
            res += ch;
        }
    }
    if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, 'MISSING_CHAR', 'Missing closing "quote');
    return res;
}
/**
 * Fold a single newline into a space, multiple newlines to N - 1 newlines.
 * Presumes `source[offset] === '\n'`
 */
function foldNewline(source, offset) {
    let fold = '';
    let ch = source[offset + 1];
    while (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
        if (ch === '\r' && source[offset + 2] !== '\n')
            break;
        if (ch === '\n')
            fold += '\n';
        offset += 1;
        ch = source[offset + 1];
    }
    if (!fold)
        fold = ' ';
    return { fold, offset };
}
const escapeCodes = {
    '0': '\0', // null character
    a: '\x07', // bell character
    b: '\b', // backspace
    e: '\x1b', // escape character
    f: '\f', // form feed
    n: '\n', // line feed
    r: '\r', // carriage return
    t: '\t', // horizontal tab
    v: '\v', // vertical tab
    N: '\u0085', // Unicode next line
    _: '\u00a0', // Unicode non-breaking space
    L: '\u2028', // Unicode line separator
    P: '\u2029', // Unicode paragraph separator
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
    '\t': '\t'
};
function parseCharCode(source, offset, length, onError) {
    const cc = source.substr(offset, length);
    const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
    const code = ok ? parseInt(cc, 16) : NaN;
    try {
        return String.fromCodePoint(code);
    }
    catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
        return raw;
    }
}

exports.resolveFlowScalar = resolveFlowScalar;


/***/ }),

/***/ 4631:
/***/ ((__unused_webpack_module, exports) => {



function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
    let spaceBefore = false;
    let atNewline = startOnNewline;
    let hasSpace = startOnNewline;
    let comment = '';
    let commentSep = '';
    let hasNewline = false;
    let reqSpace = false;
    let tab = null;
    let anchor = null;
    let tag = null;
    let newlineAfterProp = null;
    let comma = null;
    let found = null;
    let start = null;
    for (const token of tokens) {
        if (reqSpace) {
            if (token.type !== 'space' &&
                token.type !== 'newline' &&
                token.type !== 'comma')
                onError(token.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
            reqSpace = false;
        }
        if (tab) {
            if (atNewline && token.type !== 'comment' && token.type !== 'newline') {
                onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
            }
            tab = null;
        }
        switch (token.type) {
            case 'space':
                // At the doc level, tabs at line start may be parsed
                // as leading white space rather than indentation.
                // In a flow collection, only the parser handles indent.
                if (!flow &&
                    (indicator !== 'doc-start' || next?.type !== 'flow-collection') &&
                    token.source.includes('\t')) {
                    tab = token;
                }
                hasSpace = true;
                break;
            case 'comment': {
                if (!hasSpace)
                    onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                const cb = token.source.substring(1) || ' ';
                if (!comment)
                    comment = cb;
                else
                    comment += commentSep + cb;
                commentSep = '';
                atNewline = false;
                break;
            }
            case 'newline':
                if (atNewline) {
                    if (comment)
                        comment += token.source;
                    else if (!found || indicator !== 'seq-item-ind')
                        spaceBefore = true;
                }
                else
                    commentSep += token.source;
                atNewline = true;
                hasNewline = true;
                if (anchor || tag)
                    newlineAfterProp = token;
                hasSpace = true;
                break;
            case 'anchor':
                if (anchor)
                    onError(token, 'MULTIPLE_ANCHORS', 'A node can have at most one anchor');
                if (token.source.endsWith(':'))
                    onError(token.offset + token.source.length - 1, 'BAD_ALIAS', 'Anchor ending in : is ambiguous', true);
                anchor = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            case 'tag': {
                if (tag)
                    onError(token, 'MULTIPLE_TAGS', 'A node can have at most one tag');
                tag = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            }
            case indicator:
                // Could here handle preceding comments differently
                if (anchor || tag)
                    onError(token, 'BAD_PROP_ORDER', `Anchors and tags must be after the ${token.source} indicator`);
                if (found)
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.source} in ${flow ?? 'collection'}`);
                found = token;
                atNewline =
                    indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
                hasSpace = false;
                break;
            case 'comma':
                if (flow) {
                    if (comma)
                        onError(token, 'UNEXPECTED_TOKEN', `Unexpected , in ${flow}`);
                    comma = token;
                    atNewline = false;
                    hasSpace = false;
                    break;
                }
            // else fallthrough
            default:
                onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.type} token`);
                atNewline = false;
                hasSpace = false;
        }
    }
    const last = tokens[tokens.length - 1];
    const end = last ? last.offset + last.source.length : offset;
    if (reqSpace &&
        next &&
        next.type !== 'space' &&
        next.type !== 'newline' &&
        next.type !== 'comma' &&
        (next.type !== 'scalar' || next.source !== '')) {
        onError(next.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
    }
    if (tab &&
        ((atNewline && tab.indent <= parentIndent) ||
            next?.type === 'block-map' ||
            next?.type === 'block-seq'))
        onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
    return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
    };
}

exports.resolveProps = resolveProps;


/***/ }),

/***/ 9499:
/***/ ((__unused_webpack_module, exports) => {



function containsNewline(key) {
    if (!key)
        return null;
    switch (key.type) {
        case 'alias':
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            if (key.source.includes('\n'))
                return true;
            if (key.end)
                for (const st of key.end)
                    if (st.type === 'newline')
                        return true;
            return false;
        case 'flow-collection':
            for (const it of key.items) {
                for (const st of it.start)
                    if (st.type === 'newline')
                        return true;
                if (it.sep)
                    for (const st of it.sep)
                        if (st.type === 'newline')
                            return true;
                if (containsNewline(it.key) || containsNewline(it.value))
                    return true;
            }
            return false;
        default:
            return true;
    }
}

exports.containsNewline = containsNewline;


/***/ }),

/***/ 2599:
/***/ ((__unused_webpack_module, exports) => {



function emptyScalarPosition(offset, before, pos) {
    if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
            let st = before[i];
            switch (st.type) {
                case 'space':
                case 'comment':
                case 'newline':
                    offset -= st.source.length;
                    continue;
            }
            // Technically, an empty scalar is immediately after the last non-empty
            // node, but it's more useful to place it after any whitespace.
            st = before[++i];
            while (st?.type === 'space') {
                offset += st.source.length;
                st = before[++i];
            }
            break;
        }
    }
    return offset;
}

exports.emptyScalarPosition = emptyScalarPosition;


/***/ }),

/***/ 4051:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var utilContainsNewline = __nccwpck_require__(9499);

function flowIndentCheck(indent, fc, onError) {
    if (fc?.type === 'flow-collection') {
        const end = fc.end[0];
        if (end.indent === indent &&
            (end.source === ']' || end.source === '}') &&
            utilContainsNewline.containsNewline(fc)) {
            const msg = 'Flow end indicator should be more indented than parent';
            onError(end, 'BAD_INDENT', msg, true);
        }
    }
}

exports.flowIndentCheck = flowIndentCheck;


/***/ }),

/***/ 1187:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

function mapIncludes(ctx, items, search) {
    const { uniqueKeys } = ctx.options;
    if (uniqueKeys === false)
        return false;
    const isEqual = typeof uniqueKeys === 'function'
        ? uniqueKeys
        : (a, b) => a === b || (identity.isScalar(a) && identity.isScalar(b) && a.value === b.value);
    return items.some(pair => isEqual(pair.key, search));
}

exports.mapIncludes = mapIncludes;


/***/ }),

/***/ 3021:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var toJS = __nccwpck_require__(4043);
var Schema = __nccwpck_require__(5840);
var stringifyDocument = __nccwpck_require__(6829);
var anchors = __nccwpck_require__(1596);
var applyReviver = __nccwpck_require__(3661);
var createNode = __nccwpck_require__(2404);
var directives = __nccwpck_require__(1342);

class Document {
    constructor(value, replacer, options) {
        /** A comment before this Document */
        this.commentBefore = null;
        /** A comment immediately after this Document */
        this.comment = null;
        /** Errors encountered during parsing. */
        this.errors = [];
        /** Warnings encountered during parsing. */
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === 'function' || Array.isArray(replacer)) {
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const opt = Object.assign({
            intAsBigInt: false,
            keepSourceTokens: false,
            logLevel: 'warn',
            prettyErrors: true,
            strict: true,
            stringKeys: false,
            uniqueKeys: true,
            version: '1.2'
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
            this.directives = options._directives.atDocument();
            if (this.directives.yaml.explicit)
                version = this.directives.yaml.version;
        }
        else
            this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        // @ts-expect-error We can't really know that this matches Contents.
        this.contents =
            value === undefined ? null : this.createNode(value, _replacer, options);
    }
    /**
     * Create a deep copy of this Document and its contents.
     *
     * Custom Node values that inherit from `Object` still refer to their original instances.
     */
    clone() {
        const copy = Object.create(Document.prototype, {
            [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
            copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        // @ts-expect-error We can't really know that this matches Contents.
        copy.contents = identity.isNode(this.contents)
            ? this.contents.clone(copy.schema)
            : this.contents;
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** Adds a value to the document. */
    add(value) {
        if (assertCollection(this.contents))
            this.contents.add(value);
    }
    /** Adds a value to the document. */
    addIn(path, value) {
        if (assertCollection(this.contents))
            this.contents.addIn(path, value);
    }
    /**
     * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
     *
     * If `node` already has an anchor, `name` is ignored.
     * Otherwise, the `node.anchor` value will be set to `name`,
     * or if an anchor with that name is already present in the document,
     * `name` will be used as a prefix for a new unique anchor.
     * If `name` is undefined, the generated anchor will use 'a' as a prefix.
     */
    createAlias(node, name) {
        if (!node.anchor) {
            const prev = anchors.anchorNames(this);
            node.anchor =
                // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
                !name || prev.has(name) ? anchors.findNewAnchor(name || 'a', prev) : name;
        }
        return new Alias.Alias(node.anchor);
    }
    createNode(value, replacer, options) {
        let _replacer = undefined;
        if (typeof replacer === 'function') {
            value = replacer.call({ '': value }, '', value);
            _replacer = replacer;
        }
        else if (Array.isArray(replacer)) {
            const keyToStr = (v) => typeof v === 'number' || v instanceof String || v instanceof Number;
            const asStr = replacer.filter(keyToStr).map(String);
            if (asStr.length > 0)
                replacer = replacer.concat(asStr);
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(this, 
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        anchorPrefix || 'a');
        const ctx = {
            aliasDuplicateObjects: aliasDuplicateObjects ?? true,
            keepUndefined: keepUndefined ?? false,
            onAnchor,
            onTagObj,
            replacer: _replacer,
            schema: this.schema,
            sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
            node.flow = true;
        setAnchors();
        return node;
    }
    /**
     * Convert a key and a value into a `Pair` using the current schema,
     * recursively wrapping all values as `Scalar` or `Collection` nodes.
     */
    createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
            if (this.contents == null)
                return false;
            // @ts-expect-error Presumed impossible if Strict extends false
            this.contents = null;
            return true;
        }
        return assertCollection(this.contents)
            ? this.contents.deleteIn(path)
            : false;
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    get(key, keepScalar) {
        return identity.isCollection(this.contents)
            ? this.contents.get(key, keepScalar)
            : undefined;
    }
    /**
     * Returns item at `path`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
            return !keepScalar && identity.isScalar(this.contents)
                ? this.contents.value
                : this.contents;
        return identity.isCollection(this.contents)
            ? this.contents.getIn(path, keepScalar)
            : undefined;
    }
    /**
     * Checks if the document includes a value with the key `key`.
     */
    has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
    }
    /**
     * Checks if the document includes a value at `path`.
     */
    hasIn(path) {
        if (Collection.isEmptyPath(path))
            return this.contents !== undefined;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path) : false;
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    set(key, value) {
        if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, [key], value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.set(key, value);
        }
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        if (Collection.isEmptyPath(path)) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = value;
        }
        else if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.setIn(path, value);
        }
    }
    /**
     * Change the YAML version and schema used by the document.
     * A `null` version disables support for directives, explicit tags, anchors, and aliases.
     * It also requires the `schema` option to be given as a `Schema` instance value.
     *
     * Overrides all previously set schema options.
     */
    setSchema(version, options = {}) {
        if (typeof version === 'number')
            version = String(version);
        let opt;
        switch (version) {
            case '1.1':
                if (this.directives)
                    this.directives.yaml.version = '1.1';
                else
                    this.directives = new directives.Directives({ version: '1.1' });
                opt = { resolveKnownTags: false, schema: 'yaml-1.1' };
                break;
            case '1.2':
            case 'next':
                if (this.directives)
                    this.directives.yaml.version = version;
                else
                    this.directives = new directives.Directives({ version });
                opt = { resolveKnownTags: true, schema: 'core' };
                break;
            case null:
                if (this.directives)
                    delete this.directives;
                opt = null;
                break;
            default: {
                const sv = JSON.stringify(version);
                throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
            }
        }
        // Not using `instanceof Schema` to allow for duck typing
        if (options.schema instanceof Object)
            this.schema = options.schema;
        else if (opt)
            this.schema = new Schema.Schema(Object.assign(opt, options));
        else
            throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
    }
    // json & jsonArg are only used from toJSON()
    toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
            anchors: new Map(),
            doc: this,
            keep: !json,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
    /**
     * A JSON representation of the document `contents`.
     *
     * @param jsonArg Used by `JSON.stringify` to indicate the array index or
     *   property name.
     */
    toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
    }
    /** A YAML representation of the document. */
    toString(options = {}) {
        if (this.errors.length > 0)
            throw new Error('Document with errors cannot be stringified');
        if ('indent' in options &&
            (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
            const s = JSON.stringify(options.indent);
            throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
    }
}
function assertCollection(contents) {
    if (identity.isCollection(contents))
        return true;
    throw new Error('Expected a YAML collection as document contents');
}

exports.Document = Document;


/***/ }),

/***/ 1596:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var visit = __nccwpck_require__(204);

/**
 * Verify that the input string is a valid anchor.
 *
 * Will throw on errors.
 */
function anchorIsValid(anchor) {
    if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
    }
    return true;
}
function anchorNames(root) {
    const anchors = new Set();
    visit.visit(root, {
        Value(_key, node) {
            if (node.anchor)
                anchors.add(node.anchor);
        }
    });
    return anchors;
}
/** Find a new anchor name with the given `prefix` and a one-indexed suffix. */
function findNewAnchor(prefix, exclude) {
    for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
            return name;
    }
}
function createNodeAnchors(doc, prefix) {
    const aliasObjects = [];
    const sourceObjects = new Map();
    let prevAnchors = null;
    return {
        onAnchor: (source) => {
            aliasObjects.push(source);
            prevAnchors ?? (prevAnchors = anchorNames(doc));
            const anchor = findNewAnchor(prefix, prevAnchors);
            prevAnchors.add(anchor);
            return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
            for (const source of aliasObjects) {
                const ref = sourceObjects.get(source);
                if (typeof ref === 'object' &&
                    ref.anchor &&
                    (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
                    ref.node.anchor = ref.anchor;
                }
                else {
                    const error = new Error('Failed to resolve repeated object (this should not happen)');
                    error.source = source;
                    throw error;
                }
            }
        },
        sourceObjects
    };
}

exports.anchorIsValid = anchorIsValid;
exports.anchorNames = anchorNames;
exports.createNodeAnchors = createNodeAnchors;
exports.findNewAnchor = findNewAnchor;


/***/ }),

/***/ 3661:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Applies the JSON.parse reviver algorithm as defined in the ECMA-262 spec,
 * in section 24.5.1.1 "Runtime Semantics: InternalizeJSONProperty" of the
 * 2021 edition: https://tc39.es/ecma262/#sec-json.parse
 *
 * Includes extensions for handling Map and Set objects.
 */
function applyReviver(reviver, obj, key, val) {
    if (val && typeof val === 'object') {
        if (Array.isArray(val)) {
            for (let i = 0, len = val.length; i < len; ++i) {
                const v0 = val[i];
                const v1 = applyReviver(reviver, val, String(i), v0);
                // eslint-disable-next-line @typescript-eslint/no-array-delete
                if (v1 === undefined)
                    delete val[i];
                else if (v1 !== v0)
                    val[i] = v1;
            }
        }
        else if (val instanceof Map) {
            for (const k of Array.from(val.keys())) {
                const v0 = val.get(k);
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    val.delete(k);
                else if (v1 !== v0)
                    val.set(k, v1);
            }
        }
        else if (val instanceof Set) {
            for (const v0 of Array.from(val)) {
                const v1 = applyReviver(reviver, val, v0, v0);
                if (v1 === undefined)
                    val.delete(v0);
                else if (v1 !== v0) {
                    val.delete(v0);
                    val.add(v1);
                }
            }
        }
        else {
            for (const [k, v0] of Object.entries(val)) {
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    delete val[k];
                else if (v1 !== v0)
                    val[k] = v1;
            }
        }
    }
    return reviver.call(obj, key, val);
}

exports.applyReviver = applyReviver;


/***/ }),

/***/ 2404:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);

const defaultTagPrefix = 'tag:yaml.org,2002:';
function findTagObject(value, tagName, tags) {
    if (tagName) {
        const match = tags.filter(t => t.tag === tagName);
        const tagObj = match.find(t => !t.format) ?? match[0];
        if (!tagObj)
            throw new Error(`Tag ${tagName} not found`);
        return tagObj;
    }
    return tags.find(t => t.identify?.(value) && !t.format);
}
function createNode(value, tagName, ctx) {
    if (identity.isDocument(value))
        value = value.contents;
    if (identity.isNode(value))
        return value;
    if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
    }
    if (value instanceof String ||
        value instanceof Number ||
        value instanceof Boolean ||
        (typeof BigInt !== 'undefined' && value instanceof BigInt) // not supported everywhere
    ) {
        // https://tc39.es/ecma262/#sec-serializejsonproperty
        value = value.valueOf();
    }
    const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
    // Detect duplicate references to the same object & use Alias nodes for all
    // after first. The `ref` wrapper allows for circular references to resolve.
    let ref = undefined;
    if (aliasDuplicateObjects && value && typeof value === 'object') {
        ref = sourceObjects.get(value);
        if (ref) {
            ref.anchor ?? (ref.anchor = onAnchor(value));
            return new Alias.Alias(ref.anchor);
        }
        else {
            ref = { anchor: null, node: null };
            sourceObjects.set(value, ref);
        }
    }
    if (tagName?.startsWith('!!'))
        tagName = defaultTagPrefix + tagName.slice(2);
    let tagObj = findTagObject(value, tagName, schema.tags);
    if (!tagObj) {
        if (value && typeof value.toJSON === 'function') {
            // eslint-disable-next-line @typescript-eslint/no-unsafe-call
            value = value.toJSON();
        }
        if (!value || typeof value !== 'object') {
            const node = new Scalar.Scalar(value);
            if (ref)
                ref.node = node;
            return node;
        }
        tagObj =
            value instanceof Map
                ? schema[identity.MAP]
                : Symbol.iterator in Object(value)
                    ? schema[identity.SEQ]
                    : schema[identity.MAP];
    }
    if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
    }
    const node = tagObj?.createNode
        ? tagObj.createNode(ctx.schema, value, ctx)
        : typeof tagObj?.nodeClass?.from === 'function'
            ? tagObj.nodeClass.from(ctx.schema, value, ctx)
            : new Scalar.Scalar(value);
    if (tagName)
        node.tag = tagName;
    else if (!tagObj.default)
        node.tag = tagObj.tag;
    if (ref)
        ref.node = node;
    return node;
}

exports.createNode = createNode;


/***/ }),

/***/ 1342:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var visit = __nccwpck_require__(204);

const escapeChars = {
    '!': '%21',
    ',': '%2C',
    '[': '%5B',
    ']': '%5D',
    '{': '%7B',
    '}': '%7D'
};
const escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, ch => escapeChars[ch]);
class Directives {
    constructor(yaml, tags) {
        /**
         * The directives-end/doc-start marker `---`. If `null`, a marker may still be
         * included in the document's stringified representation.
         */
        this.docStart = null;
        /** The doc-end marker `...`.  */
        this.docEnd = false;
        this.yaml = Object.assign({}, Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, Directives.defaultTags, tags);
    }
    clone() {
        const copy = new Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
    }
    /**
     * During parsing, get a Directives instance for the current document and
     * update the stream state according to the current version's spec.
     */
    atDocument() {
        const res = new Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
            case '1.1':
                this.atNextDocument = true;
                break;
            case '1.2':
                this.atNextDocument = false;
                this.yaml = {
                    explicit: Directives.defaultYaml.explicit,
                    version: '1.2'
                };
                this.tags = Object.assign({}, Directives.defaultTags);
                break;
        }
        return res;
    }
    /**
     * @param onError - May be called even if the action was successful
     * @returns `true` on success
     */
    add(line, onError) {
        if (this.atNextDocument) {
            this.yaml = { explicit: Directives.defaultYaml.explicit, version: '1.1' };
            this.tags = Object.assign({}, Directives.defaultTags);
            this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
            case '%TAG': {
                if (parts.length !== 2) {
                    onError(0, '%TAG directive should contain exactly two parts');
                    if (parts.length < 2)
                        return false;
                }
                const [handle, prefix] = parts;
                this.tags[handle] = prefix;
                return true;
            }
            case '%YAML': {
                this.yaml.explicit = true;
                if (parts.length !== 1) {
                    onError(0, '%YAML directive should contain exactly one part');
                    return false;
                }
                const [version] = parts;
                if (version === '1.1' || version === '1.2') {
                    this.yaml.version = version;
                    return true;
                }
                else {
                    const isValid = /^\d+\.\d+$/.test(version);
                    onError(6, `Unsupported YAML version ${version}`, isValid);
                    return false;
                }
            }
            default:
                onError(0, `Unknown directive ${name}`, true);
                return false;
        }
    }
    /**
     * Resolves a tag, matching handles to those defined in %TAG directives.
     *
     * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
     *   `'!local'` tag, or `null` if unresolvable.
     */
    tagName(source, onError) {
        if (source === '!')
            return '!'; // non-specific tag
        if (source[0] !== '!') {
            onError(`Not a valid tag: ${source}`);
            return null;
        }
        if (source[1] === '<') {
            const verbatim = source.slice(2, -1);
            if (verbatim === '!' || verbatim === '!!') {
                onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
                return null;
            }
            if (source[source.length - 1] !== '>')
                onError('Verbatim tags must end with a >');
            return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
            onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
            try {
                return prefix + decodeURIComponent(suffix);
            }
            catch (error) {
                onError(String(error));
                return null;
            }
        }
        if (handle === '!')
            return source; // local tag
        onError(`Could not resolve tag: ${source}`);
        return null;
    }
    /**
     * Given a fully resolved tag, returns its printable string form,
     * taking into account current tag prefixes and defaults.
     */
    tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
            if (tag.startsWith(prefix))
                return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === '!' ? tag : `!<${tag}>`;
    }
    toString(doc) {
        const lines = this.yaml.explicit
            ? [`%YAML ${this.yaml.version || '1.2'}`]
            : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
            const tags = {};
            visit.visit(doc.contents, (_key, node) => {
                if (identity.isNode(node) && node.tag)
                    tags[node.tag] = true;
            });
            tagNames = Object.keys(tags);
        }
        else
            tagNames = [];
        for (const [handle, prefix] of tagEntries) {
            if (handle === '!!' && prefix === 'tag:yaml.org,2002:')
                continue;
            if (!doc || tagNames.some(tn => tn.startsWith(prefix)))
                lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join('\n');
    }
}
Directives.defaultYaml = { explicit: false, version: '1.2' };
Directives.defaultTags = { '!!': 'tag:yaml.org,2002:' };

exports.Directives = Directives;


/***/ }),

/***/ 1464:
/***/ ((__unused_webpack_module, exports) => {



class YAMLError extends Error {
    constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
    }
}
class YAMLParseError extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLParseError', pos, code, message);
    }
}
class YAMLWarning extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLWarning', pos, code, message);
    }
}
const prettifyError = (src, lc) => (error) => {
    if (error.pos[0] === -1)
        return;
    error.linePos = error.pos.map(pos => lc.linePos(pos));
    const { line, col } = error.linePos[0];
    error.message += ` at line ${line}, column ${col}`;
    let ci = col - 1;
    let lineStr = src
        .substring(lc.lineStarts[line - 1], lc.lineStarts[line])
        .replace(/[\n\r]+$/, '');
    // Trim to max 80 chars, keeping col position near the middle
    if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = '…' + lineStr.substring(trimStart);
        ci -= trimStart - 1;
    }
    if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + '…';
    // Include previous line in context if pointing at line start
    if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        // Regexp won't match if start is trimmed
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
            prev = prev.substring(0, 79) + '…\n';
        lineStr = prev + lineStr;
    }
    if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
            count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = ' '.repeat(ci) + '^'.repeat(count);
        error.message += `:\n\n${lineStr}\n${pointer}\n`;
    }
};

exports.YAMLError = YAMLError;
exports.YAMLParseError = YAMLParseError;
exports.YAMLWarning = YAMLWarning;
exports.prettifyError = prettifyError;


/***/ }),

/***/ 8815:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;


var composer = __nccwpck_require__(9984);
var Document = __nccwpck_require__(3021);
var Schema = __nccwpck_require__(5840);
var errors = __nccwpck_require__(1464);
var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var cst = __nccwpck_require__(3461);
var lexer = __nccwpck_require__(361);
var lineCounter = __nccwpck_require__(6628);
var parser = __nccwpck_require__(3456);
var publicApi = __nccwpck_require__(4047);
var visit = __nccwpck_require__(204);



__webpack_unused_export__ = composer.Composer;
__webpack_unused_export__ = Document.Document;
__webpack_unused_export__ = Schema.Schema;
__webpack_unused_export__ = errors.YAMLError;
__webpack_unused_export__ = errors.YAMLParseError;
__webpack_unused_export__ = errors.YAMLWarning;
__webpack_unused_export__ = Alias.Alias;
__webpack_unused_export__ = identity.isAlias;
__webpack_unused_export__ = identity.isCollection;
__webpack_unused_export__ = identity.isDocument;
exports.jh = identity.isMap;
__webpack_unused_export__ = identity.isNode;
exports.tO = identity.isPair;
exports.jn = identity.isScalar;
exports.oP = identity.isSeq;
__webpack_unused_export__ = Pair.Pair;
exports.X5 = Scalar.Scalar;
__webpack_unused_export__ = YAMLMap.YAMLMap;
__webpack_unused_export__ = YAMLSeq.YAMLSeq;
__webpack_unused_export__ = cst;
__webpack_unused_export__ = lexer.Lexer;
exports.HN = lineCounter.LineCounter;
__webpack_unused_export__ = parser.Parser;
__webpack_unused_export__ = publicApi.parse;
exports.hR = publicApi.parseAllDocuments;
__webpack_unused_export__ = publicApi.parseDocument;
__webpack_unused_export__ = publicApi.stringify;
exports.YR = visit.visit;
__webpack_unused_export__ = visit.visitAsync;


/***/ }),

/***/ 7249:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);

function debug(logLevel, ...messages) {
    if (logLevel === 'debug')
        console.log(...messages);
}
function warn(logLevel, warning) {
    if (logLevel === 'debug' || logLevel === 'warn') {
        if (typeof node_process.emitWarning === 'function')
            node_process.emitWarning(warning);
        else
            console.warn(warning);
    }
}

exports.debug = debug;
exports.warn = warn;


/***/ }),

/***/ 4065:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(1596);
var visit = __nccwpck_require__(204);
var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);
var toJS = __nccwpck_require__(4043);

class Alias extends Node.NodeBase {
    constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, 'tag', {
            set() {
                throw new Error('Alias nodes cannot have tags');
            }
        });
    }
    /**
     * Resolve the value of this alias within `doc`, finding the last
     * instance of the `source` anchor before this node.
     */
    resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
            throw new ReferenceError('Alias resolution is disabled');
        let nodes;
        if (ctx?.aliasResolveCache) {
            nodes = ctx.aliasResolveCache;
        }
        else {
            nodes = [];
            visit.visit(doc, {
                Node: (_key, node) => {
                    if (identity.isAlias(node) || identity.hasAnchor(node))
                        nodes.push(node);
                }
            });
            if (ctx)
                ctx.aliasResolveCache = nodes;
        }
        let found = undefined;
        for (const node of nodes) {
            if (node === this)
                break;
            if (node.anchor === this.source)
                found = node;
        }
        if (found && ctx) {
            const { anchors, doc, maxAliasCount } = ctx;
            let data = anchors.get(found);
            if (!data) {
                // Resolve anchors for Node.prototype.toJS()
                toJS.toJS(found, null, ctx);
                data = anchors.get(found);
            }
            /* istanbul ignore if */
            if (data?.res === undefined) {
                const msg = 'This should not happen: Alias anchor was not resolved?';
                throw new ReferenceError(msg);
            }
            if (maxAliasCount >= 0) {
                data.count += 1;
                if (data.aliasCount === 0)
                    data.aliasCount = getAliasCount(doc, found, anchors);
                if (data.count * data.aliasCount > maxAliasCount) {
                    const msg = 'Excessive alias count indicates a resource exhaustion attack';
                    throw new ReferenceError(msg);
                }
            }
        }
        return found;
    }
    toJSON(_arg, ctx) {
        if (!ctx)
            return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
    }
    toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
            anchors.anchorIsValid(this.source);
            if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
                const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
                throw new Error(msg);
            }
            if (ctx.implicitKey)
                return `${src} `;
        }
        return src;
    }
}
function getAliasCount(doc, node, anchors) {
    if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors && source && anchors.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
    }
    else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
            const c = getAliasCount(doc, item, anchors);
            if (c > count)
                count = c;
        }
        return count;
    }
    else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors);
        const vc = getAliasCount(doc, node.value, anchors);
        return Math.max(kc, vc);
    }
    return 1;
}

exports.Alias = Alias;


/***/ }),

/***/ 101:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);

function collectionFromPath(schema, path, value) {
    let v = value;
    for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === 'number' && Number.isInteger(k) && k >= 0) {
            const a = [];
            a[k] = v;
            v = a;
        }
        else {
            v = new Map([[k, v]]);
        }
    }
    return createNode.createNode(v, undefined, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
            throw new Error('This should not happen, please report a bug.');
        },
        schema,
        sourceObjects: new Map()
    });
}
// Type guard is intentionally a little wrong so as to be more useful,
// as it does not cover untypable empty non-string iterables (e.g. []).
const isEmptyPath = (path) => path == null ||
    (typeof path === 'object' && !!path[Symbol.iterator]().next().done);
class Collection extends Node.NodeBase {
    constructor(type, schema) {
        super(type);
        Object.defineProperty(this, 'schema', {
            value: schema,
            configurable: true,
            enumerable: false,
            writable: true
        });
    }
    /**
     * Create a copy of this collection.
     *
     * @param schema - If defined, overwrites the original's schema
     */
    clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
            copy.schema = schema;
        copy.items = copy.items.map(it => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /**
     * Adds a value to the collection. For `!!map` and `!!omap` the value must
     * be a Pair instance or a `{ key, value }` object, which may not have a key
     * that already exists in the map.
     */
    addIn(path, value) {
        if (isEmptyPath(path))
            this.add(value);
        else {
            const [key, ...rest] = path;
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.addIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
    /**
     * Removes a value from the collection.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
            return node.deleteIn(rest);
        else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
            return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
            return identity.isCollection(node) ? node.getIn(rest, keepScalar) : undefined;
    }
    hasAllNullValues(allowScalar) {
        return this.items.every(node => {
            if (!identity.isPair(node))
                return false;
            const n = node.value;
            return (n == null ||
                (allowScalar &&
                    identity.isScalar(n) &&
                    n.value == null &&
                    !n.commentBefore &&
                    !n.comment &&
                    !n.tag));
        });
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     */
    hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
            this.set(key, value);
        }
        else {
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.setIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
}

exports.Collection = Collection;
exports.collectionFromPath = collectionFromPath;
exports.isEmptyPath = isEmptyPath;


/***/ }),

/***/ 6673:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var applyReviver = __nccwpck_require__(3661);
var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);

class NodeBase {
    constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
    }
    /** Create a copy of this node.  */
    clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** A plain JavaScript representation of this node. */
    toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
            throw new TypeError('A document argument is required');
        const ctx = {
            anchors: new Map(),
            doc,
            keep: true,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
}

exports.NodeBase = NodeBase;


/***/ }),

/***/ 7165:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var stringifyPair = __nccwpck_require__(9748);
var addPairToJSMap = __nccwpck_require__(7104);
var identity = __nccwpck_require__(1127);

function createPair(key, value, ctx) {
    const k = createNode.createNode(key, undefined, ctx);
    const v = createNode.createNode(value, undefined, ctx);
    return new Pair(k, v);
}
class Pair {
    constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
    }
    clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
            key = key.clone(schema);
        if (identity.isNode(value))
            value = value.clone(schema);
        return new Pair(key, value);
    }
    toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
    }
    toString(ctx, onComment, onChompKeep) {
        return ctx?.doc
            ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep)
            : JSON.stringify(this);
    }
}

exports.Pair = Pair;
exports.createPair = createPair;


/***/ }),

/***/ 3301:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);
var toJS = __nccwpck_require__(4043);

const isScalarValue = (value) => !value || (typeof value !== 'function' && typeof value !== 'object');
class Scalar extends Node.NodeBase {
    constructor(value) {
        super(identity.SCALAR);
        this.value = value;
    }
    toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
    }
    toString() {
        return String(this.value);
    }
}
Scalar.BLOCK_FOLDED = 'BLOCK_FOLDED';
Scalar.BLOCK_LITERAL = 'BLOCK_LITERAL';
Scalar.PLAIN = 'PLAIN';
Scalar.QUOTE_DOUBLE = 'QUOTE_DOUBLE';
Scalar.QUOTE_SINGLE = 'QUOTE_SINGLE';

exports.Scalar = Scalar;
exports.isScalarValue = isScalarValue;


/***/ }),

/***/ 4454:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyCollection = __nccwpck_require__(1212);
var addPairToJSMap = __nccwpck_require__(7104);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);

function findPair(items, key) {
    const k = identity.isScalar(key) ? key.value : key;
    for (const it of items) {
        if (identity.isPair(it)) {
            if (it.key === key || it.key === k)
                return it;
            if (identity.isScalar(it.key) && it.key.value === k)
                return it;
        }
    }
    return undefined;
}
class YAMLMap extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:map';
    }
    constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
    }
    /**
     * A generic collection parsing method that can be extended
     * to other node classes that inherit from YAMLMap
     */
    static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
            if (typeof replacer === 'function')
                value = replacer.call(obj, key, value);
            else if (Array.isArray(replacer) && !replacer.includes(key))
                return;
            if (value !== undefined || keepUndefined)
                map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
            for (const [key, value] of obj)
                add(key, value);
        }
        else if (obj && typeof obj === 'object') {
            for (const key of Object.keys(obj))
                add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === 'function') {
            map.items.sort(schema.sortMapEntries);
        }
        return map;
    }
    /**
     * Adds a value to the collection.
     *
     * @param overwrite - If not set `true`, using a key that is already in the
     *   collection will throw. Otherwise, overwrites the previous value.
     */
    add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
            _pair = pair;
        else if (!pair || typeof pair !== 'object' || !('key' in pair)) {
            // In TypeScript, this never happens.
            _pair = new Pair.Pair(pair, pair?.value);
        }
        else
            _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
            if (!overwrite)
                throw new Error(`Key ${_pair.key} already set`);
            // For scalars, keep the old node & its comments and anchors
            if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
                prev.value.value = _pair.value;
            else
                prev.value = _pair.value;
        }
        else if (sortEntries) {
            const i = this.items.findIndex(item => sortEntries(_pair, item) < 0);
            if (i === -1)
                this.items.push(_pair);
            else
                this.items.splice(i, 0, _pair);
        }
        else {
            this.items.push(_pair);
        }
    }
    delete(key) {
        const it = findPair(this.items, key);
        if (!it)
            return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? undefined;
    }
    has(key) {
        return !!findPair(this.items, key);
    }
    set(key, value) {
        this.add(new Pair.Pair(key, value), true);
    }
    /**
     * @param ctx - Conversion context, originally set in Document#toJS()
     * @param {Class} Type - If set, forces the returned collection type
     * @returns Instance of Type, Map, or Object
     */
    toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? new Map() : {};
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const item of this.items)
            addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        for (const item of this.items) {
            if (!identity.isPair(item))
                throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
            ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '',
            flowChars: { start: '{', end: '}' },
            itemIndent: ctx.indent || '',
            onChompKeep,
            onComment
        });
    }
}

exports.YAMLMap = YAMLMap;
exports.findPair = findPair;


/***/ }),

/***/ 2223:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var stringifyCollection = __nccwpck_require__(1212);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var toJS = __nccwpck_require__(4043);

class YAMLSeq extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:seq';
    }
    constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
    }
    add(value) {
        this.items.push(value);
    }
    /**
     * Removes a value from the collection.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     *
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return undefined;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     */
    has(key) {
        const idx = asItemIndex(key);
        return typeof idx === 'number' && idx < this.items.length;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     *
     * If `key` does not contain a representation of an integer, this will throw.
     * It may be wrapped in a `Scalar`.
     */
    set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
            prev.value = value;
        else
            this.items[idx] = value;
    }
    toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
            ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
            seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '- ',
            flowChars: { start: '[', end: ']' },
            itemIndent: (ctx.indent || '') + '  ',
            onChompKeep,
            onComment
        });
    }
    static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
            let i = 0;
            for (let it of obj) {
                if (typeof replacer === 'function') {
                    const key = obj instanceof Set ? it : String(i++);
                    it = replacer.call(obj, key, it);
                }
                seq.items.push(createNode.createNode(it, undefined, ctx));
            }
        }
        return seq;
    }
}
function asItemIndex(key) {
    let idx = identity.isScalar(key) ? key.value : key;
    if (idx && typeof idx === 'string')
        idx = Number(idx);
    return typeof idx === 'number' && Number.isInteger(idx) && idx >= 0
        ? idx
        : null;
}

exports.YAMLSeq = YAMLSeq;


/***/ }),

/***/ 7104:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var log = __nccwpck_require__(7249);
var merge = __nccwpck_require__(452);
var stringify = __nccwpck_require__(2148);
var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);

function addPairToJSMap(ctx, map, { key, value }) {
    if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
    // TODO: Should drop this special case for bare << handling
    else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
    else {
        const jsKey = toJS.toJS(key, '', ctx);
        if (map instanceof Map) {
            map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        }
        else if (map instanceof Set) {
            map.add(jsKey);
        }
        else {
            const stringKey = stringifyKey(key, jsKey, ctx);
            const jsValue = toJS.toJS(value, stringKey, ctx);
            if (stringKey in map)
                Object.defineProperty(map, stringKey, {
                    value: jsValue,
                    writable: true,
                    enumerable: true,
                    configurable: true
                });
            else
                map[stringKey] = jsValue;
        }
    }
    return map;
}
function stringifyKey(key, jsKey, ctx) {
    if (jsKey === null)
        return '';
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    if (typeof jsKey !== 'object')
        return String(jsKey);
    if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = new Set();
        for (const node of ctx.anchors.keys())
            strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
            let jsonStr = JSON.stringify(strKey);
            if (jsonStr.length > 40)
                jsonStr = jsonStr.substring(0, 36) + '..."';
            log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
            ctx.mapKeyWarned = true;
        }
        return strKey;
    }
    return JSON.stringify(jsKey);
}

exports.addPairToJSMap = addPairToJSMap;


/***/ }),

/***/ 1127:
/***/ ((__unused_webpack_module, exports) => {



const ALIAS = Symbol.for('yaml.alias');
const DOC = Symbol.for('yaml.document');
const MAP = Symbol.for('yaml.map');
const PAIR = Symbol.for('yaml.pair');
const SCALAR = Symbol.for('yaml.scalar');
const SEQ = Symbol.for('yaml.seq');
const NODE_TYPE = Symbol.for('yaml.node.type');
const isAlias = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === ALIAS;
const isDocument = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === DOC;
const isMap = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === MAP;
const isPair = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === PAIR;
const isScalar = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SCALAR;
const isSeq = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SEQ;
function isCollection(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case MAP:
            case SEQ:
                return true;
        }
    return false;
}
function isNode(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case ALIAS:
            case MAP:
            case SCALAR:
            case SEQ:
                return true;
        }
    return false;
}
const hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;

exports.ALIAS = ALIAS;
exports.DOC = DOC;
exports.MAP = MAP;
exports.NODE_TYPE = NODE_TYPE;
exports.PAIR = PAIR;
exports.SCALAR = SCALAR;
exports.SEQ = SEQ;
exports.hasAnchor = hasAnchor;
exports.isAlias = isAlias;
exports.isCollection = isCollection;
exports.isDocument = isDocument;
exports.isMap = isMap;
exports.isNode = isNode;
exports.isPair = isPair;
exports.isScalar = isScalar;
exports.isSeq = isSeq;


/***/ }),

/***/ 4043:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

/**
 * Recursively convert any node or its contents to native JavaScript
 *
 * @param value - The input value
 * @param arg - If `value` defines a `toJSON()` method, use this
 *   as its first argument
 * @param ctx - Conversion context, originally set in Document#toJS(). If
 *   `{ keep: true }` is not set, output should be suitable for JSON
 *   stringification.
 */
function toJS(value, arg, ctx) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-return
    if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
    if (value && typeof value.toJSON === 'function') {
        // eslint-disable-next-line @typescript-eslint/no-unsafe-call
        if (!ctx || !identity.hasAnchor(value))
            return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: undefined };
        ctx.anchors.set(value, data);
        ctx.onCreate = res => {
            data.res = res;
            delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
            ctx.onCreate(res);
        return res;
    }
    if (typeof value === 'bigint' && !ctx?.keep)
        return Number(value);
    return value;
}

exports.toJS = toJS;


/***/ }),

/***/ 110:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var resolveBlockScalar = __nccwpck_require__(8913);
var resolveFlowScalar = __nccwpck_require__(6842);
var errors = __nccwpck_require__(1464);
var stringifyString = __nccwpck_require__(3069);

function resolveAsScalar(token, strict = true, onError) {
    if (token) {
        const _onError = (pos, code, message) => {
            const offset = typeof pos === 'number' ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
            if (onError)
                onError(offset, code, message);
            else
                throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
            case 'block-scalar':
                return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
    }
    return null;
}
/**
 * Create a new scalar token with `value`
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.end Comments and whitespace after the end of the value, or after the block scalar header. If undefined, a newline will be added.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.indent The indent level of the token.
 * @param context.inFlow Is this scalar within a flow collection? This may affect the resolved type of the token's value.
 * @param context.offset The offset position of the token.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function createScalarToken(value, context) {
    const { implicitKey = false, indent, inFlow = false, offset = -1, type = 'PLAIN' } = context;
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    const end = context.end ?? [
        { type: 'newline', offset: -1, indent, source: '\n' }
    ];
    switch (source[0]) {
        case '|':
        case '>': {
            const he = source.indexOf('\n');
            const head = source.substring(0, he);
            const body = source.substring(he + 1) + '\n';
            const props = [
                { type: 'block-scalar-header', offset, indent, source: head }
            ];
            if (!addEndtoBlockProps(props, end))
                props.push({ type: 'newline', offset: -1, indent, source: '\n' });
            return { type: 'block-scalar', offset, indent, props, source: body };
        }
        case '"':
            return { type: 'double-quoted-scalar', offset, indent, source, end };
        case "'":
            return { type: 'single-quoted-scalar', offset, indent, source, end };
        default:
            return { type: 'scalar', offset, indent, source, end };
    }
}
/**
 * Set the value of `token` to the given string `value`, overwriting any previous contents and type that it may have.
 *
 * Best efforts are made to retain any comments previously associated with the `token`,
 * though all contents within a collection's `items` will be overwritten.
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param token Any token. If it does not include an `indent` value, the value will be stringified as if it were an implicit key.
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.afterKey In most cases, values after a key should have an additional level of indentation.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.inFlow Being within a flow collection may affect the resolved type of the token's value.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function setScalarValue(token, value, context = {}) {
    let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
    let indent = 'indent' in token ? token.indent : null;
    if (afterKey && typeof indent === 'number')
        indent += 2;
    if (!type)
        switch (token.type) {
            case 'single-quoted-scalar':
                type = 'QUOTE_SINGLE';
                break;
            case 'double-quoted-scalar':
                type = 'QUOTE_DOUBLE';
                break;
            case 'block-scalar': {
                const header = token.props[0];
                if (header.type !== 'block-scalar-header')
                    throw new Error('Invalid block scalar header');
                type = header.source[0] === '>' ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
                break;
            }
            default:
                type = 'PLAIN';
        }
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    switch (source[0]) {
        case '|':
        case '>':
            setBlockScalarValue(token, source);
            break;
        case '"':
            setFlowScalarValue(token, source, 'double-quoted-scalar');
            break;
        case "'":
            setFlowScalarValue(token, source, 'single-quoted-scalar');
            break;
        default:
            setFlowScalarValue(token, source, 'scalar');
    }
}
function setBlockScalarValue(token, source) {
    const he = source.indexOf('\n');
    const head = source.substring(0, he);
    const body = source.substring(he + 1) + '\n';
    if (token.type === 'block-scalar') {
        const header = token.props[0];
        if (header.type !== 'block-scalar-header')
            throw new Error('Invalid block scalar header');
        header.source = head;
        token.source = body;
    }
    else {
        const { offset } = token;
        const indent = 'indent' in token ? token.indent : -1;
        const props = [
            { type: 'block-scalar-header', offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, 'end' in token ? token.end : undefined))
            props.push({ type: 'newline', offset: -1, indent, source: '\n' });
        for (const key of Object.keys(token))
            if (key !== 'type' && key !== 'offset')
                delete token[key];
        Object.assign(token, { type: 'block-scalar', indent, props, source: body });
    }
}
/** @returns `true` if last token is a newline */
function addEndtoBlockProps(props, end) {
    if (end)
        for (const st of end)
            switch (st.type) {
                case 'space':
                case 'comment':
                    props.push(st);
                    break;
                case 'newline':
                    props.push(st);
                    return true;
            }
    return false;
}
function setFlowScalarValue(token, source, type) {
    switch (token.type) {
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            token.type = type;
            token.source = source;
            break;
        case 'block-scalar': {
            const end = token.props.slice(1);
            let oa = source.length;
            if (token.props[0].type === 'block-scalar-header')
                oa -= token.props[0].source.length;
            for (const tok of end)
                tok.offset += oa;
            delete token.props;
            Object.assign(token, { type, source, end });
            break;
        }
        case 'block-map':
        case 'block-seq': {
            const offset = token.offset + source.length;
            const nl = { type: 'newline', offset, indent: token.indent, source: '\n' };
            delete token.items;
            Object.assign(token, { type, source, end: [nl] });
            break;
        }
        default: {
            const indent = 'indent' in token ? token.indent : -1;
            const end = 'end' in token && Array.isArray(token.end)
                ? token.end.filter(st => st.type === 'space' ||
                    st.type === 'comment' ||
                    st.type === 'newline')
                : [];
            for (const key of Object.keys(token))
                if (key !== 'type' && key !== 'offset')
                    delete token[key];
            Object.assign(token, { type, indent, source, end });
        }
    }
}

exports.createScalarToken = createScalarToken;
exports.resolveAsScalar = resolveAsScalar;
exports.setScalarValue = setScalarValue;


/***/ }),

/***/ 1733:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringify a CST document, token, or collection item
 *
 * Fair warning: This applies no validation whatsoever, and
 * simply concatenates the sources in their logical order.
 */
const stringify = (cst) => 'type' in cst ? stringifyToken(cst) : stringifyItem(cst);
function stringifyToken(token) {
    switch (token.type) {
        case 'block-scalar': {
            let res = '';
            for (const tok of token.props)
                res += stringifyToken(tok);
            return res + token.source;
        }
        case 'block-map':
        case 'block-seq': {
            let res = '';
            for (const item of token.items)
                res += stringifyItem(item);
            return res;
        }
        case 'flow-collection': {
            let res = token.start.source;
            for (const item of token.items)
                res += stringifyItem(item);
            for (const st of token.end)
                res += st.source;
            return res;
        }
        case 'document': {
            let res = stringifyItem(token);
            if (token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
        default: {
            let res = token.source;
            if ('end' in token && token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
    }
}
function stringifyItem({ start, key, sep, value }) {
    let res = '';
    for (const st of start)
        res += st.source;
    if (key)
        res += stringifyToken(key);
    if (sep)
        for (const st of sep)
            res += st.source;
    if (value)
        res += stringifyToken(value);
    return res;
}

exports.stringify = stringify;


/***/ }),

/***/ 7715:
/***/ ((__unused_webpack_module, exports) => {



const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove item');
/**
 * Apply a visitor to a CST document or item.
 *
 * Walks through the tree (depth-first) starting from the root, calling a
 * `visitor` function with two arguments when entering each item:
 *   - `item`: The current item, which included the following members:
 *     - `start: SourceToken[]` – Source tokens before the key or value,
 *       possibly including its anchor or tag.
 *     - `key?: Token | null` – Set for pair values. May then be `null`, if
 *       the key before the `:` separator is empty.
 *     - `sep?: SourceToken[]` – Source tokens between the key and the value,
 *       which should include the `:` map value indicator if `value` is set.
 *     - `value?: Token` – The value of a sequence item, or of a map pair.
 *   - `path`: The steps from the root to the current node, as an array of
 *     `['key' | 'value', number]` tuples.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this token, continue with
 *      next sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current item, then continue with the next one
 *   - `number`: Set the index of the next step. This is useful especially if
 *     the index of the current token has changed.
 *   - `function`: Define the next visitor for this item. After the original
 *     visitor is called on item entry, next visitors are called after handling
 *     a non-empty `key` and when exiting the item.
 */
function visit(cst, visitor) {
    if ('type' in cst && cst.type === 'document')
        cst = { start: cst.start, value: cst.value };
    _visit(Object.freeze([]), cst, visitor);
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current item */
visit.SKIP = SKIP;
/** Remove the current item */
visit.REMOVE = REMOVE;
/** Find the item at `path` from `cst` as the root */
visit.itemAtPath = (cst, path) => {
    let item = cst;
    for (const [field, index] of path) {
        const tok = item?.[field];
        if (tok && 'items' in tok) {
            item = tok.items[index];
        }
        else
            return undefined;
    }
    return item;
};
/**
 * Get the immediate parent collection of the item at `path` from `cst` as the root.
 *
 * Throws an error if the collection is not found, which should never happen if the item itself exists.
 */
visit.parentCollection = (cst, path) => {
    const parent = visit.itemAtPath(cst, path.slice(0, -1));
    const field = path[path.length - 1][0];
    const coll = parent?.[field];
    if (coll && 'items' in coll)
        return coll;
    throw new Error('Parent collection not found');
};
function _visit(path, item, visitor) {
    let ctrl = visitor(item, path);
    if (typeof ctrl === 'symbol')
        return ctrl;
    for (const field of ['key', 'value']) {
        const token = item[field];
        if (token && 'items' in token) {
            for (let i = 0; i < token.items.length; ++i) {
                const ci = _visit(Object.freeze(path.concat([[field, i]])), token.items[i], visitor);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    token.items.splice(i, 1);
                    i -= 1;
                }
            }
            if (typeof ctrl === 'function' && field === 'key')
                ctrl = ctrl(item, path);
        }
    }
    return typeof ctrl === 'function' ? ctrl(item, path) : ctrl;
}

exports.visit = visit;


/***/ }),

/***/ 3461:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cstScalar = __nccwpck_require__(110);
var cstStringify = __nccwpck_require__(1733);
var cstVisit = __nccwpck_require__(7715);

/** The byte order mark */
const BOM = '\u{FEFF}';
/** Start of doc-mode */
const DOCUMENT = '\x02'; // C0: Start of Text
/** Unexpected end of flow-mode */
const FLOW_END = '\x18'; // C0: Cancel
/** Next token is a scalar value */
const SCALAR = '\x1f'; // C0: Unit Separator
/** @returns `true` if `token` is a flow or block collection */
const isCollection = (token) => !!token && 'items' in token;
/** @returns `true` if `token` is a flow or block scalar; not an alias */
const isScalar = (token) => !!token &&
    (token.type === 'scalar' ||
        token.type === 'single-quoted-scalar' ||
        token.type === 'double-quoted-scalar' ||
        token.type === 'block-scalar');
/* istanbul ignore next */
/** Get a printable representation of a lexer token */
function prettyToken(token) {
    switch (token) {
        case BOM:
            return '<BOM>';
        case DOCUMENT:
            return '<DOC>';
        case FLOW_END:
            return '<FLOW_END>';
        case SCALAR:
            return '<SCALAR>';
        default:
            return JSON.stringify(token);
    }
}
/** Identify the type of a lexer token. May return `null` for unknown tokens. */
function tokenType(source) {
    switch (source) {
        case BOM:
            return 'byte-order-mark';
        case DOCUMENT:
            return 'doc-mode';
        case FLOW_END:
            return 'flow-error-end';
        case SCALAR:
            return 'scalar';
        case '---':
            return 'doc-start';
        case '...':
            return 'doc-end';
        case '':
        case '\n':
        case '\r\n':
            return 'newline';
        case '-':
            return 'seq-item-ind';
        case '?':
            return 'explicit-key-ind';
        case ':':
            return 'map-value-ind';
        case '{':
            return 'flow-map-start';
        case '}':
            return 'flow-map-end';
        case '[':
            return 'flow-seq-start';
        case ']':
            return 'flow-seq-end';
        case ',':
            return 'comma';
    }
    switch (source[0]) {
        case ' ':
        case '\t':
            return 'space';
        case '#':
            return 'comment';
        case '%':
            return 'directive-line';
        case '*':
            return 'alias';
        case '&':
            return 'anchor';
        case '!':
            return 'tag';
        case "'":
            return 'single-quoted-scalar';
        case '"':
            return 'double-quoted-scalar';
        case '|':
        case '>':
            return 'block-scalar-header';
    }
    return null;
}

exports.createScalarToken = cstScalar.createScalarToken;
exports.resolveAsScalar = cstScalar.resolveAsScalar;
exports.setScalarValue = cstScalar.setScalarValue;
exports.stringify = cstStringify.stringify;
exports.visit = cstVisit.visit;
exports.BOM = BOM;
exports.DOCUMENT = DOCUMENT;
exports.FLOW_END = FLOW_END;
exports.SCALAR = SCALAR;
exports.isCollection = isCollection;
exports.isScalar = isScalar;
exports.prettyToken = prettyToken;
exports.tokenType = tokenType;


/***/ }),

/***/ 361:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cst = __nccwpck_require__(3461);

/*
START -> stream

stream
  directive -> line-end -> stream
  indent + line-end -> stream
  [else] -> line-start

line-end
  comment -> line-end
  newline -> .
  input-end -> END

line-start
  doc-start -> doc
  doc-end -> stream
  [else] -> indent -> block-start

block-start
  seq-item-start -> block-start
  explicit-key-start -> block-start
  map-value-start -> block-start
  [else] -> doc

doc
  line-end -> line-start
  spaces -> doc
  anchor -> doc
  tag -> doc
  flow-start -> flow -> doc
  flow-end -> error -> doc
  seq-item-start -> error -> doc
  explicit-key-start -> error -> doc
  map-value-start -> doc
  alias -> doc
  quote-start -> quoted-scalar -> doc
  block-scalar-header -> line-end -> block-scalar(min) -> line-start
  [else] -> plain-scalar(false, min) -> doc

flow
  line-end -> flow
  spaces -> flow
  anchor -> flow
  tag -> flow
  flow-start -> flow -> flow
  flow-end -> .
  seq-item-start -> error -> flow
  explicit-key-start -> flow
  map-value-start -> flow
  alias -> flow
  quote-start -> quoted-scalar -> flow
  comma -> flow
  [else] -> plain-scalar(true, 0) -> flow

quoted-scalar
  quote-end -> .
  [else] -> quoted-scalar

block-scalar(min)
  newline + peek(indent < min) -> .
  [else] -> block-scalar(min)

plain-scalar(is-flow, min)
  scalar-end(is-flow) -> .
  peek(newline + (indent < min)) -> .
  [else] -> plain-scalar(min)
*/
function isEmpty(ch) {
    switch (ch) {
        case undefined:
        case ' ':
        case '\n':
        case '\r':
        case '\t':
            return true;
        default:
            return false;
    }
}
const hexDigits = new Set('0123456789ABCDEFabcdef');
const tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
const flowIndicatorChars = new Set(',[]{}');
const invalidAnchorChars = new Set(' ,[]{}\n\r\t');
const isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
/**
 * Splits an input string into lexical tokens, i.e. smaller strings that are
 * easily identifiable by `tokens.tokenType()`.
 *
 * Lexing starts always in a "stream" context. Incomplete input may be buffered
 * until a complete token can be emitted.
 *
 * In addition to slices of the original input, the following control characters
 * may also be emitted:
 *
 * - `\x02` (Start of Text): A document starts with the next token
 * - `\x18` (Cancel): Unexpected end of flow-mode (indicates an error)
 * - `\x1f` (Unit Separator): Next token is a scalar value
 * - `\u{FEFF}` (Byte order mark): Emitted separately outside documents
 */
class Lexer {
    constructor() {
        /**
         * Flag indicating whether the end of the current buffer marks the end of
         * all input
         */
        this.atEnd = false;
        /**
         * Explicit indent set in block scalar header, as an offset from the current
         * minimum indent, so e.g. set to 1 from a header `|2+`. Set to -1 if not
         * explicitly set.
         */
        this.blockScalarIndent = -1;
        /**
         * Block scalars that include a + (keep) chomping indicator in their header
         * include trailing empty lines, which are otherwise excluded from the
         * scalar's contents.
         */
        this.blockScalarKeep = false;
        /** Current input */
        this.buffer = '';
        /**
         * Flag noting whether the map value indicator : can immediately follow this
         * node within a flow context.
         */
        this.flowKey = false;
        /** Count of surrounding flow collection levels. */
        this.flowLevel = 0;
        /**
         * Minimum level of indentation required for next lines to be parsed as a
         * part of the current scalar value.
         */
        this.indentNext = 0;
        /** Indentation level of the current line. */
        this.indentValue = 0;
        /** Position of the next \n character. */
        this.lineEndPos = null;
        /** Stores the state of the lexer if reaching the end of incpomplete input */
        this.next = null;
        /** A pointer to `buffer`; the current position of the lexer. */
        this.pos = 0;
    }
    /**
     * Generate YAML tokens from the `source` string. If `incomplete`,
     * a part of the last line may be left as a buffer for the next call.
     *
     * @returns A generator of lexical tokens
     */
    *lex(source, incomplete = false) {
        if (source) {
            if (typeof source !== 'string')
                throw TypeError('source is not a string');
            this.buffer = this.buffer ? this.buffer + source : source;
            this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? 'stream';
        while (next && (incomplete || this.hasChars(1)))
            next = yield* this.parseNext(next);
    }
    atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === ' ' || ch === '\t')
            ch = this.buffer[++i];
        if (!ch || ch === '#' || ch === '\n')
            return true;
        if (ch === '\r')
            return this.buffer[i + 1] === '\n';
        return false;
    }
    charAt(n) {
        return this.buffer[this.pos + n];
    }
    continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
            let indent = 0;
            while (ch === ' ')
                ch = this.buffer[++indent + offset];
            if (ch === '\r') {
                const next = this.buffer[indent + offset + 1];
                if (next === '\n' || (!next && !this.atEnd))
                    return offset + indent + 1;
            }
            return ch === '\n' || indent >= this.indentNext || (!ch && !this.atEnd)
                ? offset + indent
                : -1;
        }
        if (ch === '-' || ch === '.') {
            const dt = this.buffer.substr(offset, 3);
            if ((dt === '---' || dt === '...') && isEmpty(this.buffer[offset + 3]))
                return -1;
        }
        return offset;
    }
    getLine() {
        let end = this.lineEndPos;
        if (typeof end !== 'number' || (end !== -1 && end < this.pos)) {
            end = this.buffer.indexOf('\n', this.pos);
            this.lineEndPos = end;
        }
        if (end === -1)
            return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === '\r')
            end -= 1;
        return this.buffer.substring(this.pos, end);
    }
    hasChars(n) {
        return this.pos + n <= this.buffer.length;
    }
    setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
    }
    peek(n) {
        return this.buffer.substr(this.pos, n);
    }
    *parseNext(next) {
        switch (next) {
            case 'stream':
                return yield* this.parseStream();
            case 'line-start':
                return yield* this.parseLineStart();
            case 'block-start':
                return yield* this.parseBlockStart();
            case 'doc':
                return yield* this.parseDocument();
            case 'flow':
                return yield* this.parseFlowCollection();
            case 'quoted-scalar':
                return yield* this.parseQuotedScalar();
            case 'block-scalar':
                return yield* this.parseBlockScalar();
            case 'plain-scalar':
                return yield* this.parsePlainScalar();
        }
    }
    *parseStream() {
        let line = this.getLine();
        if (line === null)
            return this.setNext('stream');
        if (line[0] === cst.BOM) {
            yield* this.pushCount(1);
            line = line.substring(1);
        }
        if (line[0] === '%') {
            let dirEnd = line.length;
            let cs = line.indexOf('#');
            while (cs !== -1) {
                const ch = line[cs - 1];
                if (ch === ' ' || ch === '\t') {
                    dirEnd = cs - 1;
                    break;
                }
                else {
                    cs = line.indexOf('#', cs + 1);
                }
            }
            while (true) {
                const ch = line[dirEnd - 1];
                if (ch === ' ' || ch === '\t')
                    dirEnd -= 1;
                else
                    break;
            }
            const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
            yield* this.pushCount(line.length - n); // possible comment
            this.pushNewline();
            return 'stream';
        }
        if (this.atLineEnd()) {
            const sp = yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - sp);
            yield* this.pushNewline();
            return 'stream';
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
    }
    *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
            return this.setNext('line-start');
        if (ch === '-' || ch === '.') {
            if (!this.atEnd && !this.hasChars(4))
                return this.setNext('line-start');
            const s = this.peek(3);
            if ((s === '---' || s === '...') && isEmpty(this.charAt(3))) {
                yield* this.pushCount(3);
                this.indentValue = 0;
                this.indentNext = 0;
                return s === '---' ? 'doc' : 'stream';
            }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
            this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
    }
    *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
            return this.setNext('block-start');
        if ((ch0 === '-' || ch0 === '?' || ch0 === ':') && isEmpty(ch1)) {
            const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
            this.indentNext = this.indentValue + 1;
            this.indentValue += n;
            return 'block-start';
        }
        return 'doc';
    }
    *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
            return this.setNext('doc');
        let n = yield* this.pushIndicators();
        switch (line[n]) {
            case '#':
                yield* this.pushCount(line.length - n);
            // fallthrough
            case undefined:
                yield* this.pushNewline();
                return yield* this.parseLineStart();
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel = 1;
                return 'flow';
            case '}':
            case ']':
                // this is an error
                yield* this.pushCount(1);
                return 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'doc';
            case '"':
            case "'":
                return yield* this.parseQuotedScalar();
            case '|':
            case '>':
                n += yield* this.parseBlockScalarHeader();
                n += yield* this.pushSpaces(true);
                yield* this.pushCount(line.length - n);
                yield* this.pushNewline();
                return yield* this.parseBlockScalar();
            default:
                return yield* this.parsePlainScalar();
        }
    }
    *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
            nl = yield* this.pushNewline();
            if (nl > 0) {
                sp = yield* this.pushSpaces(false);
                this.indentValue = indent = sp;
            }
            else {
                sp = 0;
            }
            sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
            return this.setNext('flow');
        if ((indent !== -1 && indent < this.indentNext && line[0] !== '#') ||
            (indent === 0 &&
                (line.startsWith('---') || line.startsWith('...')) &&
                isEmpty(line[3]))) {
            // Allowing for the terminal ] or } at the same (rather than greater)
            // indent level as the initial [ or { is technically invalid, but
            // failing here would be surprising to users.
            const atFlowEndMarker = indent === this.indentNext - 1 &&
                this.flowLevel === 1 &&
                (line[0] === ']' || line[0] === '}');
            if (!atFlowEndMarker) {
                // this is an error
                this.flowLevel = 0;
                yield cst.FLOW_END;
                return yield* this.parseLineStart();
            }
        }
        let n = 0;
        while (line[n] === ',') {
            n += yield* this.pushCount(1);
            n += yield* this.pushSpaces(true);
            this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
            case undefined:
                return 'flow';
            case '#':
                yield* this.pushCount(line.length - n);
                return 'flow';
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel += 1;
                return 'flow';
            case '}':
            case ']':
                yield* this.pushCount(1);
                this.flowKey = true;
                this.flowLevel -= 1;
                return this.flowLevel ? 'flow' : 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'flow';
            case '"':
            case "'":
                this.flowKey = true;
                return yield* this.parseQuotedScalar();
            case ':': {
                const next = this.charAt(1);
                if (this.flowKey || isEmpty(next) || next === ',') {
                    this.flowKey = false;
                    yield* this.pushCount(1);
                    yield* this.pushSpaces(true);
                    return 'flow';
                }
            }
            // fallthrough
            default:
                this.flowKey = false;
                return yield* this.parsePlainScalar();
        }
    }
    *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
            while (end !== -1 && this.buffer[end + 1] === "'")
                end = this.buffer.indexOf("'", end + 2);
        }
        else {
            // double-quote
            while (end !== -1) {
                let n = 0;
                while (this.buffer[end - 1 - n] === '\\')
                    n += 1;
                if (n % 2 === 0)
                    break;
                end = this.buffer.indexOf('"', end + 1);
            }
        }
        // Only looking for newlines within the quotes
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf('\n', this.pos);
        if (nl !== -1) {
            while (nl !== -1) {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = qb.indexOf('\n', cs);
            }
            if (nl !== -1) {
                // this is an error caused by an unexpected unindent
                end = nl - (qb[nl - 1] === '\r' ? 2 : 1);
            }
        }
        if (end === -1) {
            if (!this.atEnd)
                return this.setNext('quoted-scalar');
            end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? 'flow' : 'doc';
    }
    *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
            const ch = this.buffer[++i];
            if (ch === '+')
                this.blockScalarKeep = true;
            else if (ch > '0' && ch <= '9')
                this.blockScalarIndent = Number(ch) - 1;
            else if (ch !== '-')
                break;
        }
        return yield* this.pushUntil(ch => isEmpty(ch) || ch === '#');
    }
    *parseBlockScalar() {
        let nl = this.pos - 1; // may be -1 if this.pos === 0
        let indent = 0;
        let ch;
        loop: for (let i = this.pos; (ch = this.buffer[i]); ++i) {
            switch (ch) {
                case ' ':
                    indent += 1;
                    break;
                case '\n':
                    nl = i;
                    indent = 0;
                    break;
                case '\r': {
                    const next = this.buffer[i + 1];
                    if (!next && !this.atEnd)
                        return this.setNext('block-scalar');
                    if (next === '\n')
                        break;
                } // fallthrough
                default:
                    break loop;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('block-scalar');
        if (indent >= this.indentNext) {
            if (this.blockScalarIndent === -1)
                this.indentNext = indent;
            else {
                this.indentNext =
                    this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
            }
            do {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = this.buffer.indexOf('\n', cs);
            } while (nl !== -1);
            if (nl === -1) {
                if (!this.atEnd)
                    return this.setNext('block-scalar');
                nl = this.buffer.length;
            }
        }
        // Trailing insufficiently indented tabs are invalid.
        // To catch that during parsing, we include them in the block scalar value.
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === ' ')
            ch = this.buffer[++i];
        if (ch === '\t') {
            while (ch === '\t' || ch === ' ' || ch === '\r' || ch === '\n')
                ch = this.buffer[++i];
            nl = i - 1;
        }
        else if (!this.blockScalarKeep) {
            do {
                let i = nl - 1;
                let ch = this.buffer[i];
                if (ch === '\r')
                    ch = this.buffer[--i];
                const lastChar = i; // Drop the line if last char not more indented
                while (ch === ' ')
                    ch = this.buffer[--i];
                if (ch === '\n' && i >= this.pos && i + 1 + indent > lastChar)
                    nl = i;
                else
                    break;
            } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
    }
    *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while ((ch = this.buffer[++i])) {
            if (ch === ':') {
                const next = this.buffer[i + 1];
                if (isEmpty(next) || (inFlow && flowIndicatorChars.has(next)))
                    break;
                end = i;
            }
            else if (isEmpty(ch)) {
                let next = this.buffer[i + 1];
                if (ch === '\r') {
                    if (next === '\n') {
                        i += 1;
                        ch = '\n';
                        next = this.buffer[i + 1];
                    }
                    else
                        end = i;
                }
                if (next === '#' || (inFlow && flowIndicatorChars.has(next)))
                    break;
                if (ch === '\n') {
                    const cs = this.continueScalar(i + 1);
                    if (cs === -1)
                        break;
                    i = Math.max(i, cs - 2); // to advance, but still account for ' #'
                }
            }
            else {
                if (inFlow && flowIndicatorChars.has(ch))
                    break;
                end = i;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('plain-scalar');
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? 'flow' : 'doc';
    }
    *pushCount(n) {
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos += n;
            return n;
        }
        return 0;
    }
    *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
            yield s;
            this.pos += s.length;
            return s.length;
        }
        else if (allowEmpty)
            yield '';
        return 0;
    }
    *pushIndicators() {
        let n = 0;
        loop: while (true) {
            switch (this.charAt(0)) {
                case '!':
                    n += yield* this.pushTag();
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '&':
                    n += yield* this.pushUntil(isNotAnchorChar);
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '-': // this is an error
                case '?': // this is an error outside flow collections
                case ':': {
                    const inFlow = this.flowLevel > 0;
                    const ch1 = this.charAt(1);
                    if (isEmpty(ch1) || (inFlow && flowIndicatorChars.has(ch1))) {
                        if (!inFlow)
                            this.indentNext = this.indentValue + 1;
                        else if (this.flowKey)
                            this.flowKey = false;
                        n += yield* this.pushCount(1);
                        n += yield* this.pushSpaces(true);
                        continue loop;
                    }
                }
            }
            break loop;
        }
        return n;
    }
    *pushTag() {
        if (this.charAt(1) === '<') {
            let i = this.pos + 2;
            let ch = this.buffer[i];
            while (!isEmpty(ch) && ch !== '>')
                ch = this.buffer[++i];
            return yield* this.pushToIndex(ch === '>' ? i + 1 : i, false);
        }
        else {
            let i = this.pos + 1;
            let ch = this.buffer[i];
            while (ch) {
                if (tagChars.has(ch))
                    ch = this.buffer[++i];
                else if (ch === '%' &&
                    hexDigits.has(this.buffer[i + 1]) &&
                    hexDigits.has(this.buffer[i + 2])) {
                    ch = this.buffer[(i += 3)];
                }
                else
                    break;
            }
            return yield* this.pushToIndex(i, false);
        }
    }
    *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === '\n')
            return yield* this.pushCount(1);
        else if (ch === '\r' && this.charAt(1) === '\n')
            return yield* this.pushCount(2);
        else
            return 0;
    }
    *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
            ch = this.buffer[++i];
        } while (ch === ' ' || (allowTabs && ch === '\t'));
        const n = i - this.pos;
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos = i;
        }
        return n;
    }
    *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
            ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
    }
}

exports.Lexer = Lexer;


/***/ }),

/***/ 6628:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Tracks newlines during parsing in order to provide an efficient API for
 * determining the one-indexed `{ line, col }` position for any offset
 * within the input.
 */
class LineCounter {
    constructor() {
        this.lineStarts = [];
        /**
         * Should be called in ascending order. Otherwise, call
         * `lineCounter.lineStarts.sort()` before calling `linePos()`.
         */
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        /**
         * Performs a binary search and returns the 1-indexed { line, col }
         * position of `offset`. If `line === 0`, `addNewLine` has never been
         * called or `offset` is before the first known newline.
         */
        this.linePos = (offset) => {
            let low = 0;
            let high = this.lineStarts.length;
            while (low < high) {
                const mid = (low + high) >> 1; // Math.floor((low + high) / 2)
                if (this.lineStarts[mid] < offset)
                    low = mid + 1;
                else
                    high = mid;
            }
            if (this.lineStarts[low] === offset)
                return { line: low + 1, col: 1 };
            if (low === 0)
                return { line: 0, col: offset };
            const start = this.lineStarts[low - 1];
            return { line: low, col: offset - start + 1 };
        };
    }
}

exports.LineCounter = LineCounter;


/***/ }),

/***/ 3456:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var cst = __nccwpck_require__(3461);
var lexer = __nccwpck_require__(361);

function includesToken(list, type) {
    for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
            return true;
    return false;
}
function findNonEmptyIndex(list) {
    for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
            case 'space':
            case 'comment':
            case 'newline':
                break;
            default:
                return i;
        }
    }
    return -1;
}
function isFlowToken(token) {
    switch (token?.type) {
        case 'alias':
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'flow-collection':
            return true;
        default:
            return false;
    }
}
function getPrevProps(parent) {
    switch (parent.type) {
        case 'document':
            return parent.start;
        case 'block-map': {
            const it = parent.items[parent.items.length - 1];
            return it.sep ?? it.start;
        }
        case 'block-seq':
            return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
            return [];
    }
}
/** Note: May modify input array */
function getFirstKeyStartProps(prev) {
    if (prev.length === 0)
        return [];
    let i = prev.length;
    loop: while (--i >= 0) {
        switch (prev[i].type) {
            case 'doc-start':
            case 'explicit-key-ind':
            case 'map-value-ind':
            case 'seq-item-ind':
            case 'newline':
                break loop;
        }
    }
    while (prev[++i]?.type === 'space') {
        /* loop */
    }
    return prev.splice(i, prev.length);
}
function arrayPushArray(target, source) {
    // May exhaust call stack with large `source` array
    if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
    else
        for (let i = 0; i < source.length; ++i)
            target.push(source[i]);
}
function fixFlowSeqItems(fc) {
    if (fc.start.type === 'flow-seq-start') {
        for (const it of fc.items) {
            if (it.sep &&
                !it.value &&
                !includesToken(it.start, 'explicit-key-ind') &&
                !includesToken(it.sep, 'map-value-ind')) {
                if (it.key)
                    it.value = it.key;
                delete it.key;
                if (isFlowToken(it.value)) {
                    if (it.value.end)
                        arrayPushArray(it.value.end, it.sep);
                    else
                        it.value.end = it.sep;
                }
                else
                    arrayPushArray(it.start, it.sep);
                delete it.sep;
            }
        }
    }
}
/**
 * A YAML concrete syntax tree (CST) parser
 *
 * ```ts
 * const src: string = ...
 * for (const token of new Parser().parse(src)) {
 *   // token: Token
 * }
 * ```
 *
 * To use the parser with a user-provided lexer:
 *
 * ```ts
 * function* parse(source: string, lexer: Lexer) {
 *   const parser = new Parser()
 *   for (const lexeme of lexer.lex(source))
 *     yield* parser.next(lexeme)
 *   yield* parser.end()
 * }
 *
 * const src: string = ...
 * const lexer = new Lexer()
 * for (const token of parse(src, lexer)) {
 *   // token: Token
 * }
 * ```
 */
class Parser {
    /**
     * @param onNewLine - If defined, called separately with the start position of
     *   each new line (in `parse()`, including the start of input).
     */
    constructor(onNewLine) {
        /** If true, space and sequence indicators count as indentation */
        this.atNewLine = true;
        /** If true, next token is a scalar value */
        this.atScalar = false;
        /** Current indentation level */
        this.indent = 0;
        /** Current offset since the start of parsing */
        this.offset = 0;
        /** On the same line with a block map key */
        this.onKeyLine = false;
        /** Top indicates the node that's currently being built */
        this.stack = [];
        /** The source of the current token, set in parse() */
        this.source = '';
        /** The type of the current token, set in parse() */
        this.type = '';
        // Must be defined after `next()`
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
    }
    /**
     * Parse `source` as a YAML stream.
     * If `incomplete`, a part of the last line may be left as a buffer for the next call.
     *
     * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
     *
     * @returns A generator of tokens representing each directive, document, and other structure.
     */
    *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
            this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
            yield* this.next(lexeme);
        if (!incomplete)
            yield* this.end();
    }
    /**
     * Advance the parser by the `source` of one lexical token.
     */
    *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
            console.log('|', cst.prettyToken(source));
        if (this.atScalar) {
            this.atScalar = false;
            yield* this.step();
            this.offset += source.length;
            return;
        }
        const type = cst.tokenType(source);
        if (!type) {
            const message = `Not a YAML token: ${source}`;
            yield* this.pop({ type: 'error', offset: this.offset, message, source });
            this.offset += source.length;
        }
        else if (type === 'scalar') {
            this.atNewLine = false;
            this.atScalar = true;
            this.type = 'scalar';
        }
        else {
            this.type = type;
            yield* this.step();
            switch (type) {
                case 'newline':
                    this.atNewLine = true;
                    this.indent = 0;
                    if (this.onNewLine)
                        this.onNewLine(this.offset + source.length);
                    break;
                case 'space':
                    if (this.atNewLine && source[0] === ' ')
                        this.indent += source.length;
                    break;
                case 'explicit-key-ind':
                case 'map-value-ind':
                case 'seq-item-ind':
                    if (this.atNewLine)
                        this.indent += source.length;
                    break;
                case 'doc-mode':
                case 'flow-error-end':
                    return;
                default:
                    this.atNewLine = false;
            }
            this.offset += source.length;
        }
    }
    /** Call at end of input to push out any remaining constructions */
    *end() {
        while (this.stack.length > 0)
            yield* this.pop();
    }
    get sourceToken() {
        const st = {
            type: this.type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
        return st;
    }
    *step() {
        const top = this.peek(1);
        if (this.type === 'doc-end' && top?.type !== 'doc-end') {
            while (this.stack.length > 0)
                yield* this.pop();
            this.stack.push({
                type: 'doc-end',
                offset: this.offset,
                source: this.source
            });
            return;
        }
        if (!top)
            return yield* this.stream();
        switch (top.type) {
            case 'document':
                return yield* this.document(top);
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return yield* this.scalar(top);
            case 'block-scalar':
                return yield* this.blockScalar(top);
            case 'block-map':
                return yield* this.blockMap(top);
            case 'block-seq':
                return yield* this.blockSequence(top);
            case 'flow-collection':
                return yield* this.flowCollection(top);
            case 'doc-end':
                return yield* this.documentEnd(top);
        }
        /* istanbul ignore next should not happen */
        yield* this.pop();
    }
    peek(n) {
        return this.stack[this.stack.length - n];
    }
    *pop(error) {
        const token = error ?? this.stack.pop();
        /* istanbul ignore if should not happen */
        if (!token) {
            const message = 'Tried to pop an empty stack';
            yield { type: 'error', offset: this.offset, source: '', message };
        }
        else if (this.stack.length === 0) {
            yield token;
        }
        else {
            const top = this.peek(1);
            if (token.type === 'block-scalar') {
                // Block scalars use their parent rather than header indent
                token.indent = 'indent' in top ? top.indent : 0;
            }
            else if (token.type === 'flow-collection' && top.type === 'document') {
                // Ignore all indent for top-level flow collections
                token.indent = 0;
            }
            if (token.type === 'flow-collection')
                fixFlowSeqItems(token);
            switch (top.type) {
                case 'document':
                    top.value = token;
                    break;
                case 'block-scalar':
                    top.props.push(token); // error
                    break;
                case 'block-map': {
                    const it = top.items[top.items.length - 1];
                    if (it.value) {
                        top.items.push({ start: [], key: token, sep: [] });
                        this.onKeyLine = true;
                        return;
                    }
                    else if (it.sep) {
                        it.value = token;
                    }
                    else {
                        Object.assign(it, { key: token, sep: [] });
                        this.onKeyLine = !it.explicitKey;
                        return;
                    }
                    break;
                }
                case 'block-seq': {
                    const it = top.items[top.items.length - 1];
                    if (it.value)
                        top.items.push({ start: [], value: token });
                    else
                        it.value = token;
                    break;
                }
                case 'flow-collection': {
                    const it = top.items[top.items.length - 1];
                    if (!it || it.value)
                        top.items.push({ start: [], key: token, sep: [] });
                    else if (it.sep)
                        it.value = token;
                    else
                        Object.assign(it, { key: token, sep: [] });
                    return;
                }
                /* istanbul ignore next should not happen */
                default:
                    yield* this.pop();
                    yield* this.pop(token);
            }
            if ((top.type === 'document' ||
                top.type === 'block-map' ||
                top.type === 'block-seq') &&
                (token.type === 'block-map' || token.type === 'block-seq')) {
                const last = token.items[token.items.length - 1];
                if (last &&
                    !last.sep &&
                    !last.value &&
                    last.start.length > 0 &&
                    findNonEmptyIndex(last.start) === -1 &&
                    (token.indent === 0 ||
                        last.start.every(st => st.type !== 'comment' || st.indent < token.indent))) {
                    if (top.type === 'document')
                        top.end = last.start;
                    else
                        top.items.push({ start: last.start });
                    token.items.splice(-1, 1);
                }
            }
        }
    }
    *stream() {
        switch (this.type) {
            case 'directive-line':
                yield { type: 'directive', offset: this.offset, source: this.source };
                return;
            case 'byte-order-mark':
            case 'space':
            case 'comment':
            case 'newline':
                yield this.sourceToken;
                return;
            case 'doc-mode':
            case 'doc-start': {
                const doc = {
                    type: 'document',
                    offset: this.offset,
                    start: []
                };
                if (this.type === 'doc-start')
                    doc.start.push(this.sourceToken);
                this.stack.push(doc);
                return;
            }
        }
        yield {
            type: 'error',
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML stream`,
            source: this.source
        };
    }
    *document(doc) {
        if (doc.value)
            return yield* this.lineEnd(doc);
        switch (this.type) {
            case 'doc-start': {
                if (findNonEmptyIndex(doc.start) !== -1) {
                    yield* this.pop();
                    yield* this.step();
                }
                else
                    doc.start.push(this.sourceToken);
                return;
            }
            case 'anchor':
            case 'tag':
            case 'space':
            case 'comment':
            case 'newline':
                doc.start.push(this.sourceToken);
                return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
            this.stack.push(bv);
        else {
            yield {
                type: 'error',
                offset: this.offset,
                message: `Unexpected ${this.type} token in YAML document`,
                source: this.source
            };
        }
    }
    *scalar(scalar) {
        if (this.type === 'map-value-ind') {
            const prev = getPrevProps(this.peek(2));
            const start = getFirstKeyStartProps(prev);
            let sep;
            if (scalar.end) {
                sep = scalar.end;
                sep.push(this.sourceToken);
                delete scalar.end;
            }
            else
                sep = [this.sourceToken];
            const map = {
                type: 'block-map',
                offset: scalar.offset,
                indent: scalar.indent,
                items: [{ start, key: scalar, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
        }
        else
            yield* this.lineEnd(scalar);
    }
    *blockScalar(scalar) {
        switch (this.type) {
            case 'space':
            case 'comment':
            case 'newline':
                scalar.props.push(this.sourceToken);
                return;
            case 'scalar':
                scalar.source = this.source;
                // block-scalar source includes trailing newline
                this.atNewLine = true;
                this.indent = 0;
                if (this.onNewLine) {
                    let nl = this.source.indexOf('\n') + 1;
                    while (nl !== 0) {
                        this.onNewLine(this.offset + nl);
                        nl = this.source.indexOf('\n', nl) + 1;
                    }
                }
                yield* this.pop();
                break;
            /* istanbul ignore next should not happen */
            default:
                yield* this.pop();
                yield* this.step();
        }
    }
    *blockMap(map) {
        const it = map.items[map.items.length - 1];
        // it.sep is true-ish if pair already has key or : separator
        switch (this.type) {
            case 'newline':
                this.onKeyLine = false;
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    it.start.push(this.sourceToken);
                }
                return;
            case 'space':
            case 'comment':
                if (it.value) {
                    map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    if (this.atIndentedComment(it.start, map.indent)) {
                        const prev = map.items[map.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            map.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
        }
        if (this.indent >= map.indent) {
            const atMapIndent = !this.onKeyLine && this.indent === map.indent;
            const atNextItem = atMapIndent &&
                (it.sep || it.explicitKey) &&
                this.type !== 'seq-item-ind';
            // For empty nodes, assign newline-separated not indented empty tokens to following node
            let start = [];
            if (atNextItem && it.sep && !it.value) {
                const nl = [];
                for (let i = 0; i < it.sep.length; ++i) {
                    const st = it.sep[i];
                    switch (st.type) {
                        case 'newline':
                            nl.push(i);
                            break;
                        case 'space':
                            break;
                        case 'comment':
                            if (st.indent > map.indent)
                                nl.length = 0;
                            break;
                        default:
                            nl.length = 0;
                    }
                }
                if (nl.length >= 2)
                    start = it.sep.splice(nl[1]);
            }
            switch (this.type) {
                case 'anchor':
                case 'tag':
                    if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        it.sep.push(this.sourceToken);
                    }
                    else {
                        it.start.push(this.sourceToken);
                    }
                    return;
                case 'explicit-key-ind':
                    if (!it.sep && !it.explicitKey) {
                        it.start.push(this.sourceToken);
                        it.explicitKey = true;
                    }
                    else if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start, explicitKey: true });
                    }
                    else {
                        this.stack.push({
                            type: 'block-map',
                            offset: this.offset,
                            indent: this.indent,
                            items: [{ start: [this.sourceToken], explicitKey: true }]
                        });
                    }
                    this.onKeyLine = true;
                    return;
                case 'map-value-ind':
                    if (it.explicitKey) {
                        if (!it.sep) {
                            if (includesToken(it.start, 'newline')) {
                                Object.assign(it, { key: null, sep: [this.sourceToken] });
                            }
                            else {
                                const start = getFirstKeyStartProps(it.start);
                                this.stack.push({
                                    type: 'block-map',
                                    offset: this.offset,
                                    indent: this.indent,
                                    items: [{ start, key: null, sep: [this.sourceToken] }]
                                });
                            }
                        }
                        else if (it.value) {
                            map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else if (isFlowToken(it.key) &&
                            !includesToken(it.sep, 'newline')) {
                            const start = getFirstKeyStartProps(it.start);
                            const key = it.key;
                            const sep = it.sep;
                            sep.push(this.sourceToken);
                            // @ts-expect-error type guard is wrong here
                            delete it.key;
                            // @ts-expect-error type guard is wrong here
                            delete it.sep;
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key, sep }]
                            });
                        }
                        else if (start.length > 0) {
                            // Not actually at next item
                            it.sep = it.sep.concat(start, this.sourceToken);
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    else {
                        if (!it.sep) {
                            Object.assign(it, { key: null, sep: [this.sourceToken] });
                        }
                        else if (it.value || atNextItem) {
                            map.items.push({ start, key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start: [], key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    this.onKeyLine = true;
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (atNextItem || it.value) {
                        map.items.push({ start, key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        this.stack.push(fs);
                    }
                    else {
                        Object.assign(it, { key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    return;
                }
                default: {
                    const bv = this.startBlockValue(map);
                    if (bv) {
                        if (bv.type === 'block-seq') {
                            if (!it.explicitKey &&
                                it.sep &&
                                !includesToken(it.sep, 'newline')) {
                                yield* this.pop({
                                    type: 'error',
                                    offset: this.offset,
                                    message: 'Unexpected block-seq-ind on same line with key',
                                    source: this.source
                                });
                                return;
                            }
                        }
                        else if (atMapIndent) {
                            map.items.push({ start });
                        }
                        this.stack.push(bv);
                        return;
                    }
                }
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
            case 'newline':
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        seq.items.push({ start: [this.sourceToken] });
                }
                else
                    it.start.push(this.sourceToken);
                return;
            case 'space':
            case 'comment':
                if (it.value)
                    seq.items.push({ start: [this.sourceToken] });
                else {
                    if (this.atIndentedComment(it.start, seq.indent)) {
                        const prev = seq.items[seq.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            seq.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
            case 'anchor':
            case 'tag':
                if (it.value || this.indent <= seq.indent)
                    break;
                it.start.push(this.sourceToken);
                return;
            case 'seq-item-ind':
                if (this.indent !== seq.indent)
                    break;
                if (it.value || includesToken(it.start, 'seq-item-ind'))
                    seq.items.push({ start: [this.sourceToken] });
                else
                    it.start.push(this.sourceToken);
                return;
        }
        if (this.indent > seq.indent) {
            const bv = this.startBlockValue(seq);
            if (bv) {
                this.stack.push(bv);
                return;
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === 'flow-error-end') {
            let top;
            do {
                yield* this.pop();
                top = this.peek(1);
            } while (top?.type === 'flow-collection');
        }
        else if (fc.end.length === 0) {
            switch (this.type) {
                case 'comma':
                case 'explicit-key-ind':
                    if (!it || it.sep)
                        fc.items.push({ start: [this.sourceToken] });
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'map-value-ind':
                    if (!it || it.value)
                        fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        Object.assign(it, { key: null, sep: [this.sourceToken] });
                    return;
                case 'space':
                case 'comment':
                case 'newline':
                case 'anchor':
                case 'tag':
                    if (!it || it.value)
                        fc.items.push({ start: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (!it || it.value)
                        fc.items.push({ start: [], key: fs, sep: [] });
                    else if (it.sep)
                        this.stack.push(fs);
                    else
                        Object.assign(it, { key: fs, sep: [] });
                    return;
                }
                case 'flow-map-end':
                case 'flow-seq-end':
                    fc.end.push(this.sourceToken);
                    return;
            }
            const bv = this.startBlockValue(fc);
            /* istanbul ignore else should not happen */
            if (bv)
                this.stack.push(bv);
            else {
                yield* this.pop();
                yield* this.step();
            }
        }
        else {
            const parent = this.peek(2);
            if (parent.type === 'block-map' &&
                ((this.type === 'map-value-ind' && parent.indent === fc.indent) ||
                    (this.type === 'newline' &&
                        !parent.items[parent.items.length - 1].sep))) {
                yield* this.pop();
                yield* this.step();
            }
            else if (this.type === 'map-value-ind' &&
                parent.type !== 'flow-collection') {
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                fixFlowSeqItems(fc);
                const sep = fc.end.splice(1, fc.end.length);
                sep.push(this.sourceToken);
                const map = {
                    type: 'block-map',
                    offset: fc.offset,
                    indent: fc.indent,
                    items: [{ start, key: fc, sep }]
                };
                this.onKeyLine = true;
                this.stack[this.stack.length - 1] = map;
            }
            else {
                yield* this.lineEnd(fc);
            }
        }
    }
    flowScalar(type) {
        if (this.onNewLine) {
            let nl = this.source.indexOf('\n') + 1;
            while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf('\n', nl) + 1;
            }
        }
        return {
            type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
    }
    startBlockValue(parent) {
        switch (this.type) {
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return this.flowScalar(this.type);
            case 'block-scalar-header':
                return {
                    type: 'block-scalar',
                    offset: this.offset,
                    indent: this.indent,
                    props: [this.sourceToken],
                    source: ''
                };
            case 'flow-map-start':
            case 'flow-seq-start':
                return {
                    type: 'flow-collection',
                    offset: this.offset,
                    indent: this.indent,
                    start: this.sourceToken,
                    items: [],
                    end: []
                };
            case 'seq-item-ind':
                return {
                    type: 'block-seq',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [this.sourceToken] }]
                };
            case 'explicit-key-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                start.push(this.sourceToken);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, explicitKey: true }]
                };
            }
            case 'map-value-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                };
            }
        }
        return null;
    }
    atIndentedComment(start, indent) {
        if (this.type !== 'comment')
            return false;
        if (this.indent <= indent)
            return false;
        return start.every(st => st.type === 'newline' || st.type === 'space');
    }
    *documentEnd(docEnd) {
        if (this.type !== 'doc-mode') {
            if (docEnd.end)
                docEnd.end.push(this.sourceToken);
            else
                docEnd.end = [this.sourceToken];
            if (this.type === 'newline')
                yield* this.pop();
        }
    }
    *lineEnd(token) {
        switch (this.type) {
            case 'comma':
            case 'doc-start':
            case 'doc-end':
            case 'flow-seq-end':
            case 'flow-map-end':
            case 'map-value-ind':
                yield* this.pop();
                yield* this.step();
                break;
            case 'newline':
                this.onKeyLine = false;
            // fallthrough
            case 'space':
            case 'comment':
            default:
                // all other values are errors
                if (token.end)
                    token.end.push(this.sourceToken);
                else
                    token.end = [this.sourceToken];
                if (this.type === 'newline')
                    yield* this.pop();
        }
    }
}

exports.Parser = Parser;


/***/ }),

/***/ 4047:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var composer = __nccwpck_require__(9984);
var Document = __nccwpck_require__(3021);
var errors = __nccwpck_require__(1464);
var log = __nccwpck_require__(7249);
var identity = __nccwpck_require__(1127);
var lineCounter = __nccwpck_require__(6628);
var parser = __nccwpck_require__(3456);

function parseOptions(options) {
    const prettyErrors = options.prettyErrors !== false;
    const lineCounter$1 = options.lineCounter || (prettyErrors && new lineCounter.LineCounter()) || null;
    return { lineCounter: lineCounter$1, prettyErrors };
}
/**
 * Parse the input as a stream of YAML documents.
 *
 * Documents should be separated from each other by `...` or `---` marker lines.
 *
 * @returns If an empty `docs` array is returned, it will be of type
 *   EmptyStream and contain additional stream information. In
 *   TypeScript, you should use `'empty' in docs` as a type guard for it.
 */
function parseAllDocuments(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    const docs = Array.from(composer$1.compose(parser$1.parse(source)));
    if (prettyErrors && lineCounter)
        for (const doc of docs) {
            doc.errors.forEach(errors.prettifyError(source, lineCounter));
            doc.warnings.forEach(errors.prettifyError(source, lineCounter));
        }
    if (docs.length > 0)
        return docs;
    return Object.assign([], { empty: true }, composer$1.streamInfo());
}
/** Parse an input string into a single YAML.Document */
function parseDocument(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    // `doc` is always set by compose.end(true) at the very latest
    let doc = null;
    for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
            doc = _doc;
        else if (doc.options.logLevel !== 'silent') {
            doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
            break;
        }
    }
    if (prettyErrors && lineCounter) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter));
    }
    return doc;
}
function parse(src, reviver, options) {
    let _reviver = undefined;
    if (typeof reviver === 'function') {
        _reviver = reviver;
    }
    else if (options === undefined && reviver && typeof reviver === 'object') {
        options = reviver;
    }
    const doc = parseDocument(src, options);
    if (!doc)
        return null;
    doc.warnings.forEach(warning => log.warn(doc.options.logLevel, warning));
    if (doc.errors.length > 0) {
        if (doc.options.logLevel !== 'silent')
            throw doc.errors[0];
        else
            doc.errors = [];
    }
    return doc.toJS(Object.assign({ reviver: _reviver }, options));
}
function stringify(value, replacer, options) {
    let _replacer = null;
    if (typeof replacer === 'function' || Array.isArray(replacer)) {
        _replacer = replacer;
    }
    else if (options === undefined && replacer) {
        options = replacer;
    }
    if (typeof options === 'string')
        options = options.length;
    if (typeof options === 'number') {
        const indent = Math.round(options);
        options = indent < 1 ? undefined : indent > 8 ? { indent: 8 } : { indent };
    }
    if (value === undefined) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
            return undefined;
    }
    if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
    return new Document.Document(value, _replacer, options).toString(options);
}

exports.parse = parse;
exports.parseAllDocuments = parseAllDocuments;
exports.parseDocument = parseDocument;
exports.stringify = stringify;


/***/ }),

/***/ 5840:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var map = __nccwpck_require__(7451);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var tags = __nccwpck_require__(18);

const sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
class Schema {
    constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat)
            ? tags.getTags(compat, 'compat')
            : compat
                ? tags.getTags(null, compat)
                : null;
        this.name = (typeof schema === 'string' && schema) || 'core';
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        // Used by createMap()
        this.sortMapEntries =
            typeof sortMapEntries === 'function'
                ? sortMapEntries
                : sortMapEntries === true
                    ? sortMapEntriesByKey
                    : null;
    }
    clone() {
        const copy = Object.create(Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
    }
}

exports.Schema = Schema;


/***/ }),

/***/ 7451:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var YAMLMap = __nccwpck_require__(4454);

const map = {
    collection: 'map',
    default: true,
    nodeClass: YAMLMap.YAMLMap,
    tag: 'tag:yaml.org,2002:map',
    resolve(map, onError) {
        if (!identity.isMap(map))
            onError('Expected a mapping for this tag');
        return map;
    },
    createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
};

exports.map = map;


/***/ }),

/***/ 3632:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

const nullTag = {
    identify: value => value == null,
    createNode: () => new Scalar.Scalar(null),
    default: true,
    tag: 'tag:yaml.org,2002:null',
    test: /^(?:~|[Nn]ull|NULL)?$/,
    resolve: () => new Scalar.Scalar(null),
    stringify: ({ source }, ctx) => typeof source === 'string' && nullTag.test.test(source)
        ? source
        : ctx.options.nullStr
};

exports.nullTag = nullTag;


/***/ }),

/***/ 1706:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var YAMLSeq = __nccwpck_require__(2223);

const seq = {
    collection: 'seq',
    default: true,
    nodeClass: YAMLSeq.YAMLSeq,
    tag: 'tag:yaml.org,2002:seq',
    resolve(seq, onError) {
        if (!identity.isSeq(seq))
            onError('Expected a sequence for this tag');
        return seq;
    },
    createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
};

exports.seq = seq;


/***/ }),

/***/ 6464:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyString = __nccwpck_require__(3069);

const string = {
    identify: value => typeof value === 'string',
    default: true,
    tag: 'tag:yaml.org,2002:str',
    resolve: str => str,
    stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
    }
};

exports.string = string;


/***/ }),

/***/ 3959:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

const boolTag = {
    identify: value => typeof value === 'boolean',
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
    resolve: str => new Scalar.Scalar(str[0] === 't' || str[0] === 'T'),
    stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
            const sv = source[0] === 't' || source[0] === 'T';
            if (value === sv)
                return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
};

exports.boolTag = boolTag;


/***/ }),

/***/ 8405:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var stringifyNumber = __nccwpck_require__(8689);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: str => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
    resolve: str => parseFloat(str),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf('.');
        if (dot !== -1 && str[str.length - 1] === '0')
            node.minFractionDigits = str.length - dot - 1;
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 9874:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
const intResolve = (str, offset, radix, { intAsBigInt }) => (intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix));
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
    return stringifyNumber.stringifyNumber(node);
}
const intOct = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^0o[0-7]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
    stringify: node => intStringify(node, 8, '0o')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^0x[0-9a-fA-F]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 896:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var bool = __nccwpck_require__(3959);
var float = __nccwpck_require__(8405);
var int = __nccwpck_require__(9874);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.boolTag,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float
];

exports.schema = schema;


/***/ }),

/***/ 3559:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var map = __nccwpck_require__(7451);
var seq = __nccwpck_require__(1706);

function intIdentify(value) {
    return typeof value === 'bigint' || Number.isInteger(value);
}
const stringifyJSON = ({ value }) => JSON.stringify(value);
const jsonScalars = [
    {
        identify: value => typeof value === 'string',
        default: true,
        tag: 'tag:yaml.org,2002:str',
        resolve: str => str,
        stringify: stringifyJSON
    },
    {
        identify: value => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: 'tag:yaml.org,2002:null',
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
    },
    {
        identify: value => typeof value === 'boolean',
        default: true,
        tag: 'tag:yaml.org,2002:bool',
        test: /^true$|^false$/,
        resolve: str => str === 'true',
        stringify: stringifyJSON
    },
    {
        identify: intIdentify,
        default: true,
        tag: 'tag:yaml.org,2002:int',
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
    },
    {
        identify: value => typeof value === 'number',
        default: true,
        tag: 'tag:yaml.org,2002:float',
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: str => parseFloat(str),
        stringify: stringifyJSON
    }
];
const jsonError = {
    default: true,
    tag: '',
    test: /^/,
    resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
    }
};
const schema = [map.map, seq.seq].concat(jsonScalars, jsonError);

exports.schema = schema;


/***/ }),

/***/ 18:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var bool = __nccwpck_require__(3959);
var float = __nccwpck_require__(8405);
var int = __nccwpck_require__(9874);
var schema = __nccwpck_require__(896);
var schema$1 = __nccwpck_require__(3559);
var binary = __nccwpck_require__(6083);
var merge = __nccwpck_require__(452);
var omap = __nccwpck_require__(303);
var pairs = __nccwpck_require__(8385);
var schema$2 = __nccwpck_require__(5913);
var set = __nccwpck_require__(1528);
var timestamp = __nccwpck_require__(6752);

const schemas = new Map([
    ['core', schema.schema],
    ['failsafe', [map.map, seq.seq, string.string]],
    ['json', schema$1.schema],
    ['yaml11', schema$2.schema],
    ['yaml-1.1', schema$2.schema]
]);
const tagsByName = {
    binary: binary.binary,
    bool: bool.boolTag,
    float: float.float,
    floatExp: float.floatExp,
    floatNaN: float.floatNaN,
    floatTime: timestamp.floatTime,
    int: int.int,
    intHex: int.intHex,
    intOct: int.intOct,
    intTime: timestamp.intTime,
    map: map.map,
    merge: merge.merge,
    null: _null.nullTag,
    omap: omap.omap,
    pairs: pairs.pairs,
    seq: seq.seq,
    set: set.set,
    timestamp: timestamp.timestamp
};
const coreKnownTags = {
    'tag:yaml.org,2002:binary': binary.binary,
    'tag:yaml.org,2002:merge': merge.merge,
    'tag:yaml.org,2002:omap': omap.omap,
    'tag:yaml.org,2002:pairs': pairs.pairs,
    'tag:yaml.org,2002:set': set.set,
    'tag:yaml.org,2002:timestamp': timestamp.timestamp
};
function getTags(customTags, schemaName, addMergeTag) {
    const schemaTags = schemas.get(schemaName);
    if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge)
            ? schemaTags.concat(merge.merge)
            : schemaTags.slice();
    }
    let tags = schemaTags;
    if (!tags) {
        if (Array.isArray(customTags))
            tags = [];
        else {
            const keys = Array.from(schemas.keys())
                .filter(key => key !== 'yaml11')
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
    }
    if (Array.isArray(customTags)) {
        for (const tag of customTags)
            tags = tags.concat(tag);
    }
    else if (typeof customTags === 'function') {
        tags = customTags(tags.slice());
    }
    if (addMergeTag)
        tags = tags.concat(merge.merge);
    return tags.reduce((tags, tag) => {
        const tagObj = typeof tag === 'string' ? tagsByName[tag] : tag;
        if (!tagObj) {
            const tagName = JSON.stringify(tag);
            const keys = Object.keys(tagsByName)
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags.includes(tagObj))
            tags.push(tagObj);
        return tags;
    }, []);
}

exports.coreKnownTags = coreKnownTags;
exports.getTags = getTags;


/***/ }),

/***/ 6083:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_buffer = __nccwpck_require__(181);
var Scalar = __nccwpck_require__(3301);
var stringifyString = __nccwpck_require__(3069);

const binary = {
    identify: value => value instanceof Uint8Array, // Buffer inherits from Uint8Array
    default: false,
    tag: 'tag:yaml.org,2002:binary',
    /**
     * Returns a Buffer in node and an Uint8Array in browsers
     *
     * To use the resulting buffer as an image, you'll want to do something like:
     *
     *   const blob = new Blob([buffer], { type: 'image/jpeg' })
     *   document.querySelector('#photo').src = URL.createObjectURL(blob)
     */
    resolve(src, onError) {
        if (typeof node_buffer.Buffer === 'function') {
            return node_buffer.Buffer.from(src, 'base64');
        }
        else if (typeof atob === 'function') {
            // On IE 11, atob() can't handle newlines
            const str = atob(src.replace(/[\n\r]/g, ''));
            const buffer = new Uint8Array(str.length);
            for (let i = 0; i < str.length; ++i)
                buffer[i] = str.charCodeAt(i);
            return buffer;
        }
        else {
            onError('This environment does not support reading binary tags; either Buffer or atob is required');
            return src;
        }
    },
    stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
            return '';
        const buf = value; // checked earlier by binary.identify()
        let str;
        if (typeof node_buffer.Buffer === 'function') {
            str =
                buf instanceof node_buffer.Buffer
                    ? buf.toString('base64')
                    : node_buffer.Buffer.from(buf.buffer).toString('base64');
        }
        else if (typeof btoa === 'function') {
            let s = '';
            for (let i = 0; i < buf.length; ++i)
                s += String.fromCharCode(buf[i]);
            str = btoa(s);
        }
        else {
            throw new Error('This environment does not support writing binary tags; either Buffer or btoa is required');
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
            const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
            const n = Math.ceil(str.length / lineWidth);
            const lines = new Array(n);
            for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
                lines[i] = str.substr(o, lineWidth);
            }
            str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? '\n' : ' ');
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
    }
};

exports.binary = binary;


/***/ }),

/***/ 8398:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

function boolStringify({ value, source }, ctx) {
    const boolObj = value ? trueTag : falseTag;
    if (source && boolObj.test.test(source))
        return source;
    return value ? ctx.options.trueStr : ctx.options.falseStr;
}
const trueTag = {
    identify: value => value === true,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
    resolve: () => new Scalar.Scalar(true),
    stringify: boolStringify
};
const falseTag = {
    identify: value => value === false,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
    resolve: () => new Scalar.Scalar(false),
    stringify: boolStringify
};

exports.falseTag = falseTag;
exports.trueTag = trueTag;


/***/ }),

/***/ 5782:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var stringifyNumber = __nccwpck_require__(8689);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: (str) => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
    resolve: (str) => parseFloat(str.replace(/_/g, '')),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, '')));
        const dot = str.indexOf('.');
        if (dot !== -1) {
            const f = str.substring(dot + 1).replace(/_/g, '');
            if (f[f.length - 1] === '0')
                node.minFractionDigits = f.length;
        }
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 873:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
function intResolve(str, offset, radix, { intAsBigInt }) {
    const sign = str[0];
    if (sign === '-' || sign === '+')
        offset += 1;
    str = str.substring(offset).replace(/_/g, '');
    if (intAsBigInt) {
        switch (radix) {
            case 2:
                str = `0b${str}`;
                break;
            case 8:
                str = `0o${str}`;
                break;
            case 16:
                str = `0x${str}`;
                break;
        }
        const n = BigInt(str);
        return sign === '-' ? BigInt(-1) * n : n;
    }
    const n = parseInt(str, radix);
    return sign === '-' ? -1 * n : n;
}
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? '-' + prefix + str.substr(1) : prefix + str;
    }
    return stringifyNumber.stringifyNumber(node);
}
const intBin = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'BIN',
    test: /^[-+]?0b[0-1_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
    stringify: node => intStringify(node, 2, '0b')
};
const intOct = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^[-+]?0[0-7_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
    stringify: node => intStringify(node, 8, '0')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9][0-9_]*$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^[-+]?0x[0-9a-fA-F_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intBin = intBin;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 452:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);

// If the value associated with a merge key is a single mapping node, each of
// its key/value pairs is inserted into the current mapping, unless the key
// already exists in it. If the value associated with the merge key is a
// sequence, then this sequence is expected to contain mapping nodes and each
// of these nodes is merged in turn according to its order in the sequence.
// Keys in mapping nodes earlier in the sequence override keys specified in
// later mapping nodes. -- http://yaml.org/type/merge.html
const MERGE_KEY = '<<';
const merge = {
    identify: value => value === MERGE_KEY ||
        (typeof value === 'symbol' && value.description === MERGE_KEY),
    default: 'key',
    tag: 'tag:yaml.org,2002:merge',
    test: /^<<$/,
    resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
    }),
    stringify: () => MERGE_KEY
};
const isMergeKey = (ctx, key) => (merge.identify(key) ||
    (identity.isScalar(key) &&
        (!key.type || key.type === Scalar.Scalar.PLAIN) &&
        merge.identify(key.value))) &&
    ctx?.doc.schema.tags.some(tag => tag.tag === merge.tag && tag.default);
function addMergeToJSMap(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (identity.isSeq(source))
        for (const it of source.items)
            mergeValue(ctx, map, it);
    else if (Array.isArray(source))
        for (const it of source)
            mergeValue(ctx, map, it);
    else
        mergeValue(ctx, map, source);
}
function mergeValue(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (!identity.isMap(source))
        throw new Error('Merge sources must be maps or map aliases');
    const srcMap = source.toJSON(null, ctx, Map);
    for (const [key, value] of srcMap) {
        if (map instanceof Map) {
            if (!map.has(key))
                map.set(key, value);
        }
        else if (map instanceof Set) {
            map.add(key);
        }
        else if (!Object.prototype.hasOwnProperty.call(map, key)) {
            Object.defineProperty(map, key, {
                value,
                writable: true,
                enumerable: true,
                configurable: true
            });
        }
    }
    return map;
}
function resolveAliasValue(ctx, value) {
    return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
}

exports.addMergeToJSMap = addMergeToJSMap;
exports.isMergeKey = isMergeKey;
exports.merge = merge;


/***/ }),

/***/ 303:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var pairs = __nccwpck_require__(8385);

class YAMLOMap extends YAMLSeq.YAMLSeq {
    constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = YAMLOMap.tag;
    }
    /**
     * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
     * but TypeScript won't allow widening the signature of a child method.
     */
    toJSON(_, ctx) {
        if (!ctx)
            return super.toJSON(_);
        const map = new Map();
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const pair of this.items) {
            let key, value;
            if (identity.isPair(pair)) {
                key = toJS.toJS(pair.key, '', ctx);
                value = toJS.toJS(pair.value, key, ctx);
            }
            else {
                key = toJS.toJS(pair, '', ctx);
            }
            if (map.has(key))
                throw new Error('Ordered maps must not include duplicate keys');
            map.set(key, value);
        }
        return map;
    }
    static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap = new this();
        omap.items = pairs$1.items;
        return omap;
    }
}
YAMLOMap.tag = 'tag:yaml.org,2002:omap';
const omap = {
    collection: 'seq',
    identify: value => value instanceof Map,
    nodeClass: YAMLOMap,
    default: false,
    tag: 'tag:yaml.org,2002:omap',
    resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
            if (identity.isScalar(key)) {
                if (seenKeys.includes(key.value)) {
                    onError(`Ordered maps must not include duplicate keys: ${key.value}`);
                }
                else {
                    seenKeys.push(key.value);
                }
            }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
    },
    createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
};

exports.YAMLOMap = YAMLOMap;
exports.omap = omap;


/***/ }),

/***/ 8385:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);
var YAMLSeq = __nccwpck_require__(2223);

function resolvePairs(seq, onError) {
    if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
            let item = seq.items[i];
            if (identity.isPair(item))
                continue;
            else if (identity.isMap(item)) {
                if (item.items.length > 1)
                    onError('Each pair must have its own sequence indicator');
                const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
                if (item.commentBefore)
                    pair.key.commentBefore = pair.key.commentBefore
                        ? `${item.commentBefore}\n${pair.key.commentBefore}`
                        : item.commentBefore;
                if (item.comment) {
                    const cn = pair.value ?? pair.key;
                    cn.comment = cn.comment
                        ? `${item.comment}\n${cn.comment}`
                        : item.comment;
                }
                item = pair;
            }
            seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
    }
    else
        onError('Expected a sequence for this tag');
    return seq;
}
function createPairs(schema, iterable, ctx) {
    const { replacer } = ctx;
    const pairs = new YAMLSeq.YAMLSeq(schema);
    pairs.tag = 'tag:yaml.org,2002:pairs';
    let i = 0;
    if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
            if (typeof replacer === 'function')
                it = replacer.call(iterable, String(i++), it);
            let key, value;
            if (Array.isArray(it)) {
                if (it.length === 2) {
                    key = it[0];
                    value = it[1];
                }
                else
                    throw new TypeError(`Expected [key, value] tuple: ${it}`);
            }
            else if (it && it instanceof Object) {
                const keys = Object.keys(it);
                if (keys.length === 1) {
                    key = keys[0];
                    value = it[key];
                }
                else {
                    throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
                }
            }
            else {
                key = it;
            }
            pairs.items.push(Pair.createPair(key, value, ctx));
        }
    return pairs;
}
const pairs = {
    collection: 'seq',
    default: false,
    tag: 'tag:yaml.org,2002:pairs',
    resolve: resolvePairs,
    createNode: createPairs
};

exports.createPairs = createPairs;
exports.pairs = pairs;
exports.resolvePairs = resolvePairs;


/***/ }),

/***/ 5913:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var binary = __nccwpck_require__(6083);
var bool = __nccwpck_require__(8398);
var float = __nccwpck_require__(5782);
var int = __nccwpck_require__(873);
var merge = __nccwpck_require__(452);
var omap = __nccwpck_require__(303);
var pairs = __nccwpck_require__(8385);
var set = __nccwpck_require__(1528);
var timestamp = __nccwpck_require__(6752);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.trueTag,
    bool.falseTag,
    int.intBin,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float,
    binary.binary,
    merge.merge,
    omap.omap,
    pairs.pairs,
    set.set,
    timestamp.intTime,
    timestamp.floatTime,
    timestamp.timestamp
];

exports.schema = schema;


/***/ }),

/***/ 1528:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);

class YAMLSet extends YAMLMap.YAMLMap {
    constructor(schema) {
        super(schema);
        this.tag = YAMLSet.tag;
    }
    add(key) {
        let pair;
        if (identity.isPair(key))
            pair = key;
        else if (key &&
            typeof key === 'object' &&
            'key' in key &&
            'value' in key &&
            key.value === null)
            pair = new Pair.Pair(key.key, null);
        else
            pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
            this.items.push(pair);
    }
    /**
     * If `keepPair` is `true`, returns the Pair matching `key`.
     * Otherwise, returns the value of that Pair's key.
     */
    get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair)
            ? identity.isScalar(pair.key)
                ? pair.key.value
                : pair.key
            : pair;
    }
    set(key, value) {
        if (typeof value !== 'boolean')
            throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
            this.items.splice(this.items.indexOf(prev), 1);
        }
        else if (!prev && value) {
            this.items.push(new Pair.Pair(key));
        }
    }
    toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        if (this.hasAllNullValues(true))
            return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
            throw new Error('Set items must all have null values');
    }
    static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
            for (let value of iterable) {
                if (typeof replacer === 'function')
                    value = replacer.call(iterable, value, value);
                set.items.push(Pair.createPair(value, null, ctx));
            }
        return set;
    }
}
YAMLSet.tag = 'tag:yaml.org,2002:set';
const set = {
    collection: 'map',
    identify: value => value instanceof Set,
    nodeClass: YAMLSet,
    default: false,
    tag: 'tag:yaml.org,2002:set',
    createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
    resolve(map, onError) {
        if (identity.isMap(map)) {
            if (map.hasAllNullValues(true))
                return Object.assign(new YAMLSet(), map);
            else
                onError('Set items must all have null values');
        }
        else
            onError('Expected a mapping for this tag');
        return map;
    }
};

exports.YAMLSet = YAMLSet;
exports.set = set;


/***/ }),

/***/ 6752:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

/** Internal types handle bigint as number, because TS can't figure it out. */
function parseSexagesimal(str, asBigInt) {
    const sign = str[0];
    const parts = sign === '-' || sign === '+' ? str.substring(1) : str;
    const num = (n) => asBigInt ? BigInt(n) : Number(n);
    const res = parts
        .replace(/_/g, '')
        .split(':')
        .reduce((res, p) => res * num(60) + num(p), num(0));
    return (sign === '-' ? num(-1) * res : res);
}
/**
 * hhhh:mm:ss.sss
 *
 * Internal types handle bigint as number, because TS can't figure it out.
 */
function stringifySexagesimal(node) {
    let { value } = node;
    let num = (n) => n;
    if (typeof value === 'bigint')
        num = n => BigInt(n);
    else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
    let sign = '';
    if (value < 0) {
        sign = '-';
        value *= num(-1);
    }
    const _60 = num(60);
    const parts = [value % _60]; // seconds, including ms
    if (value < 60) {
        parts.unshift(0); // at least one : is required
    }
    else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60); // minutes
        if (value >= 60) {
            value = (value - parts[0]) / _60;
            parts.unshift(value); // hours
        }
    }
    return (sign +
        parts
            .map(n => String(n).padStart(2, '0'))
            .join(':')
            .replace(/000000\d*$/, '') // % 60 may introduce error
    );
}
const intTime = {
    identify: value => typeof value === 'bigint' || Number.isInteger(value),
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
    resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
    stringify: stringifySexagesimal
};
const floatTime = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
    resolve: str => parseSexagesimal(str, false),
    stringify: stringifySexagesimal
};
const timestamp = {
    identify: value => value instanceof Date,
    default: true,
    tag: 'tag:yaml.org,2002:timestamp',
    // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
    // may be omitted altogether, resulting in a date format. In such a case, the time part is
    // assumed to be 00:00:00Z (start of day, UTC).
    test: RegExp('^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})' + // YYYY-Mm-Dd
        '(?:' + // time is optional
        '(?:t|T|[ \\t]+)' + // t | T | whitespace
        '([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)' + // Hh:Mm:Ss(.ss)?
        '(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?' + // Z | +5 | -03:30
        ')?$'),
    resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
            throw new Error('!!timestamp expects a date, starting with yyyy-mm-dd');
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + '00').substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== 'Z') {
            let d = parseSexagesimal(tz, false);
            if (Math.abs(d) < 30)
                d *= 60;
            date -= 60000 * d;
        }
        return new Date(date);
    },
    stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, '') ?? ''
};

exports.floatTime = floatTime;
exports.intTime = intTime;
exports.timestamp = timestamp;


/***/ }),

/***/ 4475:
/***/ ((__unused_webpack_module, exports) => {



const FOLD_FLOW = 'flow';
const FOLD_BLOCK = 'block';
const FOLD_QUOTED = 'quoted';
/**
 * Tries to keep input at up to `lineWidth` characters, splitting only on spaces
 * not followed by newlines or spaces unless `mode` is `'quoted'`. Lines are
 * terminated with `\n` and started with `indent`.
 */
function foldFlowLines(text, indent, mode = 'flow', { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
    if (!lineWidth || lineWidth < 0)
        return text;
    if (lineWidth < minContentWidth)
        minContentWidth = 0;
    const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
    if (text.length <= endStep)
        return text;
    const folds = [];
    const escapedFolds = {};
    let end = lineWidth - indent.length;
    if (typeof indentAtStart === 'number') {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
            folds.push(0);
        else
            end = lineWidth - indentAtStart;
    }
    let split = undefined;
    let prev = undefined;
    let overflow = false;
    let i = -1;
    let escStart = -1;
    let escEnd = -1;
    if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
            end = i + endStep;
    }
    for (let ch; (ch = text[(i += 1)]);) {
        if (mode === FOLD_QUOTED && ch === '\\') {
            escStart = i;
            switch (text[i + 1]) {
                case 'x':
                    i += 3;
                    break;
                case 'u':
                    i += 5;
                    break;
                case 'U':
                    i += 9;
                    break;
                default:
                    i += 1;
            }
            escEnd = i;
        }
        if (ch === '\n') {
            if (mode === FOLD_BLOCK)
                i = consumeMoreIndentedLines(text, i, indent.length);
            end = i + indent.length + endStep;
            split = undefined;
        }
        else {
            if (ch === ' ' &&
                prev &&
                prev !== ' ' &&
                prev !== '\n' &&
                prev !== '\t') {
                // space surrounded by non-space can be replaced with newline + indent
                const next = text[i + 1];
                if (next && next !== ' ' && next !== '\n' && next !== '\t')
                    split = i;
            }
            if (i >= end) {
                if (split) {
                    folds.push(split);
                    end = split + endStep;
                    split = undefined;
                }
                else if (mode === FOLD_QUOTED) {
                    // white-space collected at end may stretch past lineWidth
                    while (prev === ' ' || prev === '\t') {
                        prev = ch;
                        ch = text[(i += 1)];
                        overflow = true;
                    }
                    // Account for newline escape, but don't break preceding escape
                    const j = i > escEnd + 1 ? i - 2 : escStart - 1;
                    // Bail out if lineWidth & minContentWidth are shorter than an escape string
                    if (escapedFolds[j])
                        return text;
                    folds.push(j);
                    escapedFolds[j] = true;
                    end = j + endStep;
                    split = undefined;
                }
                else {
                    overflow = true;
                }
            }
        }
        prev = ch;
    }
    if (overflow && onOverflow)
        onOverflow();
    if (folds.length === 0)
        return text;
    if (onFold)
        onFold();
    let res = text.slice(0, folds[0]);
    for (let i = 0; i < folds.length; ++i) {
        const fold = folds[i];
        const end = folds[i + 1] || text.length;
        if (fold === 0)
            res = `\n${indent}${text.slice(0, end)}`;
        else {
            if (mode === FOLD_QUOTED && escapedFolds[fold])
                res += `${text[fold]}\\`;
            res += `\n${indent}${text.slice(fold + 1, end)}`;
        }
    }
    return res;
}
/**
 * Presumes `i + 1` is at the start of a line
 * @returns index of last newline in more-indented block
 */
function consumeMoreIndentedLines(text, i, indent) {
    let end = i;
    let start = i + 1;
    let ch = text[start];
    while (ch === ' ' || ch === '\t') {
        if (i < start + indent) {
            ch = text[++i];
        }
        else {
            do {
                ch = text[++i];
            } while (ch && ch !== '\n');
            end = i;
            start = i + 1;
            ch = text[start];
        }
    }
    return end;
}

exports.FOLD_BLOCK = FOLD_BLOCK;
exports.FOLD_FLOW = FOLD_FLOW;
exports.FOLD_QUOTED = FOLD_QUOTED;
exports.foldFlowLines = foldFlowLines;


/***/ }),

/***/ 2148:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(1596);
var identity = __nccwpck_require__(1127);
var stringifyComment = __nccwpck_require__(9799);
var stringifyString = __nccwpck_require__(3069);

function createStringifyContext(doc, options) {
    const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: 'PLAIN',
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: 'false',
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: 'null',
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: 'true',
        verifyAliasOrder: true
    }, doc.schema.toStringOptions, options);
    let inFlow;
    switch (opt.collectionStyle) {
        case 'block':
            inFlow = false;
            break;
        case 'flow':
            inFlow = true;
            break;
        default:
            inFlow = null;
    }
    return {
        anchors: new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? ' ' : '',
        indent: '',
        indentStep: typeof opt.indent === 'number' ? ' '.repeat(opt.indent) : '  ',
        inFlow,
        options: opt
    };
}
function getTagObject(tags, item) {
    if (item.tag) {
        const match = tags.filter(t => t.tag === item.tag);
        if (match.length > 0)
            return match.find(t => t.format === item.format) ?? match[0];
    }
    let tagObj = undefined;
    let obj;
    if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter(t => t.identify?.(obj));
        if (match.length > 1) {
            const testMatch = match.filter(t => t.test);
            if (testMatch.length > 0)
                match = testMatch;
        }
        tagObj =
            match.find(t => t.format === item.format) ?? match.find(t => !t.format);
    }
    else {
        obj = item;
        tagObj = tags.find(t => t.nodeClass && obj instanceof t.nodeClass);
    }
    if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? 'null' : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
    }
    return tagObj;
}
// needs to be called before value stringifier to allow for circular anchor refs
function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
    if (!doc.directives)
        return '';
    const props = [];
    const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
    if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
    }
    const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
    if (tag)
        props.push(doc.directives.tagString(tag));
    return props.join(' ');
}
function stringify(item, ctx, onComment, onChompKeep) {
    if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
    if (identity.isAlias(item)) {
        if (ctx.doc.directives)
            return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
            throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        }
        else {
            if (ctx.resolvedAliases)
                ctx.resolvedAliases.add(item);
            else
                ctx.resolvedAliases = new Set([item]);
            item = item.resolve(ctx.doc);
        }
    }
    let tagObj = undefined;
    const node = identity.isNode(item)
        ? item
        : ctx.doc.createNode(item, { onTagObj: o => (tagObj = o) });
    tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
    const props = stringifyProps(node, tagObj, ctx);
    if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
    const str = typeof tagObj.stringify === 'function'
        ? tagObj.stringify(node, ctx, onComment, onChompKeep)
        : identity.isScalar(node)
            ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep)
            : node.toString(ctx, onComment, onChompKeep);
    if (!props)
        return str;
    return identity.isScalar(node) || str[0] === '{' || str[0] === '['
        ? `${props} ${str}`
        : `${props}\n${ctx.indent}${str}`;
}

exports.createStringifyContext = createStringifyContext;
exports.stringify = stringify;


/***/ }),

/***/ 1212:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyCollection(collection, ctx, options) {
    const flow = ctx.inFlow ?? collection.flow;
    const stringify = flow ? stringifyFlowCollection : stringifyBlockCollection;
    return stringify(collection, ctx, options);
}
function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
    const { indent, options: { commentString } } = ctx;
    const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
    let chompKeep = false; // flag for the preceding node's status
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (!chompKeep && item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (!chompKeep && ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
            }
        }
        chompKeep = false;
        let str = stringify.stringify(item, itemCtx, () => (comment = null), () => (chompKeep = true));
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        if (chompKeep && comment)
            chompKeep = false;
        lines.push(blockItemPrefix + str);
    }
    let str;
    if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
    }
    else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
            const line = lines[i];
            str += line ? `\n${indent}${line}` : '\n';
        }
    }
    if (comment) {
        str += '\n' + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
            onComment();
    }
    else if (chompKeep && onChompKeep)
        onChompKeep();
    return str;
}
function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
    const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
    itemIndent += indentStep;
    const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
    });
    let reqNewline = false;
    let linesAtValue = 0;
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, false);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, false);
                if (ik.comment)
                    reqNewline = true;
            }
            const iv = identity.isNode(item.value) ? item.value : null;
            if (iv) {
                if (iv.comment)
                    comment = iv.comment;
                if (iv.commentBefore)
                    reqNewline = true;
            }
            else if (item.value == null && ik?.comment) {
                comment = ik.comment;
            }
        }
        if (comment)
            reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => (comment = null));
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes('\n'));
        if (i < items.length - 1) {
            str += ',';
        }
        else if (ctx.options.trailingComma) {
            if (ctx.options.lineWidth > 0) {
                reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) +
                    (str.length + 2) >
                    ctx.options.lineWidth);
            }
            if (reqNewline) {
                str += ',';
            }
        }
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
    }
    const { start, end } = flowChars;
    if (lines.length === 0) {
        return start + end;
    }
    else {
        if (!reqNewline) {
            const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
            reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
            let str = start;
            for (const line of lines)
                str += line ? `\n${indentStep}${indent}${line}` : '\n';
            return `${str}\n${indent}${end}`;
        }
        else {
            return `${start}${fcPadding}${lines.join(' ')}${fcPadding}${end}`;
        }
    }
}
function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
    if (comment && chompKeep)
        comment = comment.replace(/^\n+/, '');
    if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart()); // Avoid double indent on first line
    }
}

exports.stringifyCollection = stringifyCollection;


/***/ }),

/***/ 9799:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringifies a comment.
 *
 * Empty comment lines are left empty,
 * lines consisting of a single space are replaced by `#`,
 * and all other lines are prefixed with a `#`.
 */
const stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, '#');
function indentComment(comment, indent) {
    if (/^\n+$/.test(comment))
        return comment.substring(1);
    return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
}
const lineComment = (str, indent, comment) => str.endsWith('\n')
    ? indentComment(comment, indent)
    : comment.includes('\n')
        ? '\n' + indentComment(comment, indent)
        : (str.endsWith(' ') ? '' : ' ') + comment;

exports.indentComment = indentComment;
exports.lineComment = lineComment;
exports.stringifyComment = stringifyComment;


/***/ }),

/***/ 6829:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyDocument(doc, options) {
    const lines = [];
    let hasDirectives = options.directives === true;
    if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
            lines.push(dir);
            hasDirectives = true;
        }
        else if (doc.directives.docStart)
            hasDirectives = true;
    }
    if (hasDirectives)
        lines.push('---');
    const ctx = stringify.createStringifyContext(doc, options);
    const { commentString } = ctx.options;
    if (doc.commentBefore) {
        if (lines.length !== 1)
            lines.unshift('');
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ''));
    }
    let chompKeep = false;
    let contentComment = null;
    if (doc.contents) {
        if (identity.isNode(doc.contents)) {
            if (doc.contents.spaceBefore && hasDirectives)
                lines.push('');
            if (doc.contents.commentBefore) {
                const cs = commentString(doc.contents.commentBefore);
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            // top-level block scalars need to be indented if followed by a comment
            ctx.forceBlockIndent = !!doc.comment;
            contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? undefined : () => (chompKeep = true);
        let body = stringify.stringify(doc.contents, ctx, () => (contentComment = null), onChompKeep);
        if (contentComment)
            body += stringifyComment.lineComment(body, '', commentString(contentComment));
        if ((body[0] === '|' || body[0] === '>') &&
            lines[lines.length - 1] === '---') {
            // Top-level block scalars with a preceding doc marker ought to use the
            // same line for their header.
            lines[lines.length - 1] = `--- ${body}`;
        }
        else
            lines.push(body);
    }
    else {
        lines.push(stringify.stringify(doc.contents, ctx));
    }
    if (doc.directives?.docEnd) {
        if (doc.comment) {
            const cs = commentString(doc.comment);
            if (cs.includes('\n')) {
                lines.push('...');
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            else {
                lines.push(`... ${cs}`);
            }
        }
        else {
            lines.push('...');
        }
    }
    else {
        let dc = doc.comment;
        if (dc && chompKeep)
            dc = dc.replace(/^\n+/, '');
        if (dc) {
            if ((!chompKeep || contentComment) && lines[lines.length - 1] !== '')
                lines.push('');
            lines.push(stringifyComment.indentComment(commentString(dc), ''));
        }
    }
    return lines.join('\n') + '\n';
}

exports.stringifyDocument = stringifyDocument;


/***/ }),

/***/ 8689:
/***/ ((__unused_webpack_module, exports) => {



function stringifyNumber({ format, minFractionDigits, tag, value }) {
    if (typeof value === 'bigint')
        return String(value);
    const num = typeof value === 'number' ? value : Number(value);
    if (!isFinite(num))
        return isNaN(num) ? '.nan' : num < 0 ? '-.inf' : '.inf';
    let n = Object.is(value, -0) ? '-0' : JSON.stringify(value);
    if (!format &&
        minFractionDigits &&
        (!tag || tag === 'tag:yaml.org,2002:float') &&
        /^-?\d/.test(n) &&
        !n.includes('e')) {
        let i = n.indexOf('.');
        if (i < 0) {
            i = n.length;
            n += '.';
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
            n += '0';
    }
    return n;
}

exports.stringifyNumber = stringifyNumber;


/***/ }),

/***/ 9748:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
    const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
    let keyComment = (identity.isNode(key) && key.comment) || null;
    if (simpleKeys) {
        if (keyComment) {
            throw new Error('With simple keys, key nodes cannot have comments');
        }
        if (identity.isCollection(key) || (!identity.isNode(key) && typeof key === 'object')) {
            const msg = 'With simple keys, collection cannot be used as a key value';
            throw new Error(msg);
        }
    }
    let explicitKey = !simpleKeys &&
        (!key ||
            (keyComment && value == null && !ctx.inFlow) ||
            identity.isCollection(key) ||
            (identity.isScalar(key)
                ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL
                : typeof key === 'object'));
    ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
    });
    let keyCommentDone = false;
    let chompKeep = false;
    let str = stringify.stringify(key, ctx, () => (keyCommentDone = true), () => (chompKeep = true));
    if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
            throw new Error('With simple keys, single line scalar must not span more than 1024 characters');
        explicitKey = true;
    }
    if (ctx.inFlow) {
        if (allNullValues || value == null) {
            if (keyCommentDone && onComment)
                onComment();
            return str === '' ? '?' : explicitKey ? `? ${str}` : str;
        }
    }
    else if ((allNullValues && !simpleKeys) || (value == null && explicitKey)) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        }
        else if (chompKeep && onChompKeep)
            onChompKeep();
        return str;
    }
    if (keyCommentDone)
        keyComment = null;
    if (explicitKey) {
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}\n${indent}:`;
    }
    else {
        str = `${str}:`;
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
    }
    let vsb, vcb, valueComment;
    if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
    }
    else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === 'object')
            value = doc.createNode(value);
    }
    ctx.implicitKey = false;
    if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
    chompKeep = false;
    if (!indentSeq &&
        indentStep.length >= 2 &&
        !ctx.inFlow &&
        !explicitKey &&
        identity.isSeq(value) &&
        !value.flow &&
        !value.tag &&
        !value.anchor) {
        // If indentSeq === false, consider '- ' as part of indentation where possible
        ctx.indent = ctx.indent.substring(2);
    }
    let valueCommentDone = false;
    const valueStr = stringify.stringify(value, ctx, () => (valueCommentDone = true), () => (chompKeep = true));
    let ws = ' ';
    if (keyComment || vsb || vcb) {
        ws = vsb ? '\n' : '';
        if (vcb) {
            const cs = commentString(vcb);
            ws += `\n${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === '' && !ctx.inFlow) {
            if (ws === '\n' && valueComment)
                ws = '\n\n';
        }
        else {
            ws += `\n${ctx.indent}`;
        }
    }
    else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf('\n');
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
            let hasPropsLine = false;
            if (hasNewline && (vs0 === '&' || vs0 === '!')) {
                let sp0 = valueStr.indexOf(' ');
                if (vs0 === '&' &&
                    sp0 !== -1 &&
                    sp0 < nl0 &&
                    valueStr[sp0 + 1] === '!') {
                    sp0 = valueStr.indexOf(' ', sp0 + 1);
                }
                if (sp0 === -1 || nl0 < sp0)
                    hasPropsLine = true;
            }
            if (!hasPropsLine)
                ws = `\n${ctx.indent}`;
        }
    }
    else if (valueStr === '' || valueStr[0] === '\n') {
        ws = '';
    }
    str += ws + valueStr;
    if (ctx.inFlow) {
        if (valueCommentDone && onComment)
            onComment();
    }
    else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
    }
    else if (chompKeep && onChompKeep) {
        onChompKeep();
    }
    return str;
}

exports.stringifyPair = stringifyPair;


/***/ }),

/***/ 3069:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var foldFlowLines = __nccwpck_require__(4475);

const getFoldOptions = (ctx, isBlock) => ({
    indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
    lineWidth: ctx.options.lineWidth,
    minContentWidth: ctx.options.minContentWidth
});
// Also checks for lines starting with %, as parsing the output as YAML 1.1 will
// presume that's starting a new document.
const containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
function lineLengthOverLimit(str, lineWidth, indentLength) {
    if (!lineWidth || lineWidth < 0)
        return false;
    const limit = lineWidth - indentLength;
    const strLen = str.length;
    if (strLen <= limit)
        return false;
    for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === '\n') {
            if (i - start > limit)
                return true;
            start = i + 1;
            if (strLen - start <= limit)
                return false;
        }
    }
    return true;
}
function doubleQuotedString(value, ctx) {
    const json = JSON.stringify(value);
    if (ctx.options.doubleQuotedAsJSON)
        return json;
    const { implicitKey } = ctx;
    const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    let str = '';
    let start = 0;
    for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
            // space before newline needs to be escaped to not be folded
            str += json.slice(start, i) + '\\ ';
            i += 1;
            start = i;
            ch = '\\';
        }
        if (ch === '\\')
            switch (json[i + 1]) {
                case 'u':
                    {
                        str += json.slice(start, i);
                        const code = json.substr(i + 2, 4);
                        switch (code) {
                            case '0000':
                                str += '\\0';
                                break;
                            case '0007':
                                str += '\\a';
                                break;
                            case '000b':
                                str += '\\v';
                                break;
                            case '001b':
                                str += '\\e';
                                break;
                            case '0085':
                                str += '\\N';
                                break;
                            case '00a0':
                                str += '\\_';
                                break;
                            case '2028':
                                str += '\\L';
                                break;
                            case '2029':
                                str += '\\P';
                                break;
                            default:
                                if (code.substr(0, 2) === '00')
                                    str += '\\x' + code.substr(2);
                                else
                                    str += json.substr(i, 6);
                        }
                        i += 5;
                        start = i + 1;
                    }
                    break;
                case 'n':
                    if (implicitKey ||
                        json[i + 2] === '"' ||
                        json.length < minMultiLineLength) {
                        i += 1;
                    }
                    else {
                        // folding will eat first newline
                        str += json.slice(start, i) + '\n\n';
                        while (json[i + 2] === '\\' &&
                            json[i + 3] === 'n' &&
                            json[i + 4] !== '"') {
                            str += '\n';
                            i += 2;
                        }
                        str += indent;
                        // space after newline needs to be escaped to not be folded
                        if (json[i + 2] === ' ')
                            str += '\\';
                        i += 1;
                        start = i + 1;
                    }
                    break;
                default:
                    i += 1;
            }
    }
    str = start ? str + json.slice(start) : json;
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
}
function singleQuotedString(value, ctx) {
    if (ctx.options.singleQuote === false ||
        (ctx.implicitKey && value.includes('\n')) ||
        /[ \t]\n|\n[ \t]/.test(value) // single quoted string can't have leading or trailing whitespace around newline
    )
        return doubleQuotedString(value, ctx);
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`) + "'";
    return ctx.implicitKey
        ? res
        : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function quotedString(value, ctx) {
    const { singleQuote } = ctx.options;
    let qs;
    if (singleQuote === false)
        qs = doubleQuotedString;
    else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
            qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
            qs = doubleQuotedString;
        else
            qs = singleQuote ? singleQuotedString : doubleQuotedString;
    }
    return qs(value, ctx);
}
// The negative lookbehind avoids a polynomial search,
// but isn't supported yet on Safari: https://caniuse.com/js-regexp-lookbehind
let blockEndNewlines;
try {
    blockEndNewlines = new RegExp('(^|(?<!\n))\n+(?!\n|$)', 'g');
}
catch {
    blockEndNewlines = /\n+(?!\n|$)/g;
}
function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
    const { blockQuote, commentString, lineWidth } = ctx.options;
    // 1. Block can't end in whitespace unless the last line is non-empty.
    // 2. Strings consisting of only whitespace are best rendered explicitly.
    if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
    }
    const indent = ctx.indent ||
        (ctx.forceBlockIndent || containsDocumentMarker(value) ? '  ' : '');
    const literal = blockQuote === 'literal'
        ? true
        : blockQuote === 'folded' || type === Scalar.Scalar.BLOCK_FOLDED
            ? false
            : type === Scalar.Scalar.BLOCK_LITERAL
                ? true
                : !lineLengthOverLimit(value, lineWidth, indent.length);
    if (!value)
        return literal ? '|\n' : '>\n';
    // determine chomping from whitespace at value end
    let chomp;
    let endStart;
    for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== '\n' && ch !== '\t' && ch !== ' ')
            break;
    }
    let end = value.substring(endStart);
    const endNlPos = end.indexOf('\n');
    if (endNlPos === -1) {
        chomp = '-'; // strip
    }
    else if (value === end || endNlPos !== end.length - 1) {
        chomp = '+'; // keep
        if (onChompKeep)
            onChompKeep();
    }
    else {
        chomp = ''; // clip
    }
    if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === '\n')
            end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
    }
    // determine indent indicator from whitespace at value start
    let startWithSpace = false;
    let startEnd;
    let startNlPos = -1;
    for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === ' ')
            startWithSpace = true;
        else if (ch === '\n')
            startNlPos = startEnd;
        else
            break;
    }
    let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
    if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
    }
    const indentSize = indent ? '2' : '1'; // root is at -1
    // Leading | or > is added later
    let header = (startWithSpace ? indentSize : '') + chomp;
    if (comment) {
        header += ' ' + commentString(comment.replace(/ ?[\r\n]+/g, ' '));
        if (onComment)
            onComment();
    }
    if (!literal) {
        const foldedValue = value
            .replace(/\n+/g, '\n$&')
            .replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, '$1$2') // more-indented lines aren't folded
            //                ^ more-ind. ^ empty     ^ capture next empty lines only at end of indent
            .replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== 'folded' && type !== Scalar.Scalar.BLOCK_FOLDED) {
            foldOptions.onOverflow = () => {
                literalFallback = true;
            };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
            return `>${header}\n${indent}${body}`;
    }
    value = value.replace(/\n+/g, `$&${indent}`);
    return `|${header}\n${indent}${start}${value}${end}`;
}
function plainString(item, ctx, onComment, onChompKeep) {
    const { type, value } = item;
    const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
    if ((implicitKey && value.includes('\n')) ||
        (inFlow && /[[\]{},]/.test(value))) {
        return quotedString(value, ctx);
    }
    if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        // not allowed:
        // - '-' or '?'
        // - start with an indicator character (except [?:-]) or /[?-] /
        // - '\n ', ': ' or ' \n' anywhere
        // - '#' not preceded by a non-space char
        // - end with ' ' or ':'
        return implicitKey || inFlow || !value.includes('\n')
            ? quotedString(value, ctx)
            : blockString(item, ctx, onComment, onChompKeep);
    }
    if (!implicitKey &&
        !inFlow &&
        type !== Scalar.Scalar.PLAIN &&
        value.includes('\n')) {
        // Where allowed & type not set explicitly, prefer block style for multiline strings
        return blockString(item, ctx, onComment, onChompKeep);
    }
    if (containsDocumentMarker(value)) {
        if (indent === '') {
            ctx.forceBlockIndent = true;
            return blockString(item, ctx, onComment, onChompKeep);
        }
        else if (implicitKey && indent === indentStep) {
            return quotedString(value, ctx);
        }
    }
    const str = value.replace(/\n+/g, `$&\n${indent}`);
    // Verify that output will be parsed as a string, as e.g. plain numbers and
    // booleans get parsed with those types in v1.2 (e.g. '42', 'true' & '0.9e-3'),
    // and others in v1.1.
    if (actualString) {
        const test = (tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
            return quotedString(value, ctx);
    }
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function stringifyString(item, ctx, onComment, onChompKeep) {
    const { implicitKey, inFlow } = ctx;
    const ss = typeof item.value === 'string'
        ? item
        : Object.assign({}, item, { value: String(item.value) });
    let { type } = item;
    if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        // force double quotes on control characters & unpaired surrogates
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
            type = Scalar.Scalar.QUOTE_DOUBLE;
    }
    const _stringify = (_type) => {
        switch (_type) {
            case Scalar.Scalar.BLOCK_FOLDED:
            case Scalar.Scalar.BLOCK_LITERAL:
                return implicitKey || inFlow
                    ? quotedString(ss.value, ctx) // blocks are not valid inside flow containers
                    : blockString(ss, ctx, onComment, onChompKeep);
            case Scalar.Scalar.QUOTE_DOUBLE:
                return doubleQuotedString(ss.value, ctx);
            case Scalar.Scalar.QUOTE_SINGLE:
                return singleQuotedString(ss.value, ctx);
            case Scalar.Scalar.PLAIN:
                return plainString(ss, ctx, onComment, onChompKeep);
            default:
                return null;
        }
    };
    let res = _stringify(type);
    if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = (implicitKey && defaultKeyType) || defaultStringType;
        res = _stringify(t);
        if (res === null)
            throw new Error(`Unsupported default string type ${t}`);
    }
    return res;
}

exports.stringifyString = stringifyString;


/***/ }),

/***/ 204:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove node');
/**
 * Apply a visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
function visit(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        visit_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current node */
visit.SKIP = SKIP;
/** Remove the current node */
visit.REMOVE = REMOVE;
function visit_(key, node, visitor, path) {
    const ctrl = callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = visit_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = visit_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = visit_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
/**
 * Apply an async visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `Promise`: Must resolve to one of the following values
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
async function visitAsync(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visitAsync.BREAK = BREAK;
/** Do not visit the children of the current node */
visitAsync.SKIP = SKIP;
/** Remove the current node */
visitAsync.REMOVE = REMOVE;
async function visitAsync_(key, node, visitor, path) {
    const ctrl = await callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visitAsync_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = await visitAsync_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = await visitAsync_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = await visitAsync_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
function initVisitor(visitor) {
    if (typeof visitor === 'object' &&
        (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
            Alias: visitor.Node,
            Map: visitor.Node,
            Scalar: visitor.Node,
            Seq: visitor.Node
        }, visitor.Value && {
            Map: visitor.Value,
            Scalar: visitor.Value,
            Seq: visitor.Value
        }, visitor.Collection && {
            Map: visitor.Collection,
            Seq: visitor.Collection
        }, visitor);
    }
    return visitor;
}
function callVisitor(key, node, visitor, path) {
    if (typeof visitor === 'function')
        return visitor(key, node, path);
    if (identity.isMap(node))
        return visitor.Map?.(key, node, path);
    if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path);
    if (identity.isPair(node))
        return visitor.Pair?.(key, node, path);
    if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path);
    if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path);
    return undefined;
}
function replaceNode(key, path, node) {
    const parent = path[path.length - 1];
    if (identity.isCollection(parent)) {
        parent.items[key] = node;
    }
    else if (identity.isPair(parent)) {
        if (key === 'key')
            parent.key = node;
        else
            parent.value = node;
    }
    else if (identity.isDocument(parent)) {
        parent.contents = node;
    }
    else {
        const pt = identity.isAlias(parent) ? 'alias' : 'scalar';
        throw new Error(`Cannot replace node with ${pt} parent`);
    }
}

exports.visit = visit;
exports.visitAsync = visitAsync;


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: ./src/secrets/prefilter.ts
/** ASCII upper case to lower case; every other byte unchanged. */
const FOLD = new Uint8Array(256);
for (let i = 0; i < 256; i++)
    FOLD[i] = i >= 65 && i <= 90 ? i + 32 : i;
const EMPTY = new Set();
/**
 * Builds the prefilter for `rules`. Path rules (`appliesToPath`) don't need a keyword: the caller
 * decodes a blob whenever one of them applies to a path the blob was seen under.
 */
function createBytePrefilter(rules) {
    const keywords = new Set();
    let decidable = true;
    for (const rule of rules) {
        if (rule.keywords === undefined) {
            if (rule.appliesToPath === undefined)
                decidable = false;
            continue;
        }
        for (const keyword of rule.keywords) {
            // runSecretRules compares the lower-cased match with the keyword as written: searching the
            // lower-cased keyword finds it whenever runSecretRules could.
            const lower = keyword.toLowerCase();
            // eslint-disable-next-line no-control-regex
            if (lower === '' || !/^[\x00-\x7f]+$/.test(lower))
                decidable = false;
            else
                keywords.add(lower);
        }
    }
    if (!decidable)
        return { keywordsIn: () => undefined, keywordCounts: () => undefined };
    if (keywords.size === 0)
        return { keywordsIn: () => EMPTY, keywordCounts: () => new Map() };
    if ([...keywords].some((keyword) => keyword.includes('\n'))) {
        const search = createMultiSearch([...keywords]);
        return { keywordsIn: (bytes) => search.keywordsIn(bytes), keywordCounts: () => undefined };
    }
    return createMultiSearch([...keywords]);
}
/**
 * Wu-Manber multi-pattern search over 2-byte blocks: a window of the shortest keyword's length
 * slides by the distance its last block allows, and only windows whose last block ends some
 * keyword's prefix are compared. The shift table is indexed by raw bytes, with every case variant
 * of a keyword's letters entered, so the hot loop does no case folding (only the comparison of a
 * candidate does). One pass finds every keyword present.
 */
function createMultiSearch(keywords) {
    const patterns = keywords.map((keyword) => Buffer.from(keyword, 'latin1'));
    const min = Math.min(...patterns.map((pattern) => pattern.length));
    if (min < 2)
        return createShortSearch(keywords);
    const shift = new Uint8Array(65536).fill(min - 1);
    /** Blocks some pattern starts with: a window that starts otherwise is passed by at once. */
    const opening = new Uint8Array(65536);
    /** Indexes of the patterns whose first `min` bytes end with a block, by that block. */
    const lists = Array.from({ length: 65536 }, () => []);
    const cases = (byte) => (byte >= 97 && byte <= 122 ? [byte, byte - 32] : [byte]);
    patterns.forEach((pattern, p) => {
        for (let q = 1; q < min; q++) {
            const distance = min - 1 - q;
            for (const a of cases(pattern[q - 1]))
                for (const b of cases(pattern[q])) {
                    const block = (a << 8) | b;
                    if (distance < shift[block])
                        shift[block] = distance;
                }
        }
        for (const a of cases(pattern[min - 2]))
            for (const b of cases(pattern[min - 1]))
                lists[(a << 8) | b].push(p);
        for (const a of cases(pattern[0]))
            for (const b of cases(pattern[1]))
                opening[(a << 8) | b] = 1;
    });
    // Flat arrays for the hot loop: block b's candidates are candidates[first[b], first[b + 1]),
    // pattern p's bytes are bytes[offsets[p], offsets[p] + lengths[p]).
    const first = new Int32Array(65537);
    const flat = [];
    for (let block = 0; block < 65536; block++) {
        first[block] = flat.length;
        flat.push(...lists[block]);
    }
    first[65536] = flat.length;
    const candidates = Int32Array.from(flat);
    const offsets = new Int32Array(patterns.length);
    const lengths = new Int32Array(patterns.length);
    let total = 0;
    patterns.forEach((pattern, p) => {
        offsets[p] = total;
        lengths[p] = pattern.length;
        total += pattern.length;
    });
    const all = new Uint8Array(total);
    patterns.forEach((pattern, p) => all.set(pattern, offsets[p]));
    /**
     * One pass over `bytes`: with `counts`, counts every occurrence of each pattern; without, stops
     * once every keyword was seen. Returns the keywords seen.
     */
    const search = (bytes, counts) => {
        const n = bytes.length;
        let found;
        let i = min - 1;
        while (i < n) {
            const block = (bytes[i - 1] << 8) | bytes[i];
            const distance = shift[block];
            if (distance !== 0) {
                i += distance;
                continue;
            }
            const start = i - min + 1;
            if (opening[(bytes[start] << 8) | bytes[start + 1]] === 0) {
                i++;
                continue;
            }
            for (let c = first[block], end = first[block + 1]; c < end; c++) {
                const p = candidates[c];
                const length = lengths[p];
                if (start + length > n)
                    continue;
                const offset = offsets[p];
                let j = 0;
                while (j < length && FOLD[bytes[start + j]] === all[offset + j])
                    j++;
                if (j !== length)
                    continue;
                if (counts) {
                    counts[p]++;
                    continue;
                }
                const keyword = keywords[p];
                found ??= new Set();
                if (!found.has(keyword)) {
                    found.add(keyword);
                    if (found.size === patterns.length)
                        return found;
                }
            }
            i++;
        }
        return found;
    };
    return {
        keywordCounts(bytes) {
            const counts = new Int32Array(patterns.length);
            search(bytes, counts);
            const map = new Map();
            counts.forEach((count, p) => {
                if (count > 0)
                    map.set(keywords[p], count);
            });
            return map;
        },
        keywordsIn: (bytes) => search(bytes) ?? EMPTY,
    };
}
/** One-byte keywords: a plain scan (a rule with such a keyword matches nearly everything). */
function createShortSearch(keywords) {
    const patterns = keywords.map((keyword) => ({ keyword, bytes: Buffer.from(keyword, 'latin1') }));
    return {
        keywordCounts(bytes) {
            const counts = new Map();
            for (const { keyword, bytes: pattern } of patterns) {
                let count = 0;
                outer: for (let i = 0; i + pattern.length <= bytes.length; i++) {
                    for (let j = 0; j < pattern.length; j++)
                        if (FOLD[bytes[i + j]] !== pattern[j])
                            continue outer;
                    count++;
                }
                if (count > 0)
                    counts.set(keyword, count);
            }
            return counts;
        },
        keywordsIn(bytes) {
            const found = new Set();
            for (const { keyword, bytes: pattern } of patterns) {
                outer: for (let i = 0; i + pattern.length <= bytes.length; i++) {
                    for (let j = 0; j < pattern.length; j++)
                        if (FOLD[bytes[i + j]] !== pattern[j])
                            continue outer;
                    found.add(keyword);
                    break;
                }
            }
            return found;
        },
    };
}

;// CONCATENATED MODULE: ./src/secrets/entropy.ts
/** Shannon entropy in bits per character (code points), the usual "looks random" measure. */
function shannonEntropy(value) {
    const chars = Array.from(value);
    if (chars.length === 0)
        return 0;
    const counts = new Map();
    for (const char of chars)
        counts.set(char, (counts.get(char) ?? 0) + 1);
    let bits = 0;
    for (const count of counts.values()) {
        const p = count / chars.length;
        bits -= p * Math.log2(p);
    }
    return bits;
}
/** Number of distinct code points (Django's W009 asks for at least 5). */
function uniqueCharCount(value) {
    return new Set(Array.from(value)).size;
}

;// CONCATENATED MODULE: ./src/secrets/generated-values.ts
/**
 * A value that *generates* a secret when it runs, rather than holding one: a shell command
 * substitution (`$(openssl rand -hex 32)`, `` `pwgen 50 1` ``), a `/dev/urandom` pipeline, a
 * Python one-liner calling `secrets.token_urlsafe()` or Django's `get_random_secret_key()`,
 * a Makefile `$(shell …)`. Install scripts, Dockerfiles, compose files and docs write these where a
 * key belongs (paperless-ngx's installer: `SECRET_KEY=$(LC_ALL=C tr -dc 'a-zA-Z0-9' < /dev/urandom
 * | head -c 50)`); the key they make is never committed. Used by the placeholder module (so no
 * detector reports one) and by the masking policy (so none is registered with `::add-mask::`).
 *
 * A random key can contain `$(` or a backtick by chance (both are in Django's key alphabet), but
 * never whitespace: every test below needs the value to hold whitespace or a call's parentheses
 * around a known generator name, so a generated key is never mistaken for a generator.
 */
/** Commands and calls that produce random bytes or keys. Plain substrings: no regex backtracking. */
const GENERATOR_WORDS = [
    '/dev/urandom',
    '/dev/random',
    'openssl rand',
    'secrets.token_',
    'token_urlsafe(',
    'token_hex(',
    'token_bytes(',
    'get_random_secret_key(',
    'get_random_string(',
    'os.urandom(',
    'random.choice',
    'uuid.uuid4(',
    'uuidgen',
    'pwgen ',
    'mkpasswd',
    'gpg --gen-random',
    'base64 /dev/',
    'head -c',
    'tr -dc',
    'Secret::Random',
    'SecureRandom.',
    'crypto.randomBytes(',
    'randomBytes(',
];
/** `$(…)`, `` `…` ``, `${shell …}`: the shell (or make) runs it and substitutes its output. */
function isCommandSubstitution(value) {
    const inner = value.startsWith('$(') && value.endsWith(')')
        ? value.slice(2, -1)
        : value.length > 2 && value.startsWith('`') && value.endsWith('`')
            ? value.slice(1, -1)
            : undefined;
    if (inner === undefined)
        return false;
    // `$(</run/secrets/db_password)`: the shell reads a file the deployment provides.
    if (value.startsWith('$(<') && /^<\s*[\w./~-]{1,200}$/.test(inner))
        return true;
    // A command has a word, then arguments: whitespace inside (a Django key never has any).
    return /^\s*[A-Za-z_./]/.test(inner) && /\s/.test(inner.trim());
}
/**
 * True when `raw` is a command or call that makes a secret at run time (see the module comment).
 * Such a value is neither reported as a committed secret nor masked.
 */
function isGeneratedValue(raw) {
    const value = raw.trim();
    if (value.length < 4)
        return false;
    if (isCommandSubstitution(value))
        return true;
    const lower = value.toLowerCase();
    const hasGeneratorWord = GENERATOR_WORDS.some((word) => lower.includes(word.toLowerCase()));
    if (!hasGeneratorWord)
        return false;
    // A generator written as a command line or a call: whitespace, or a call's parentheses.
    return /\s/.test(value) || /[A-Za-z_]\(/.test(value);
}

;// CONCATENATED MODULE: ./src/secrets/placeholders.ts


/**
 * Deciding whether a committed value is a real secret or a stand-in for one: the one placeholder
 * and strength module every detector and every secret-related hardening rule uses.
 *
 * Every test here is built so that a random value from a secret alphabet (e.g. Django's
 * `a-z0-9!@#$%^&*(-_=+)`, base64, URL-safe passwords) practically never trips it: markers are
 * matched as whole words or whole values, never as short substrings such as `%s` or `!!` that
 * random keys contain by chance (test/secrets/placeholders.test.ts measures it on generated keys).
 */
/** Any of these words marks the value as a stand-in (when words carry the value, see below). */
const MARKER_WORDS = new Set([
    'change',
    'changeme',
    'changethis',
    'replace',
    'replaceme',
    'placeholder',
    'dummy',
    'example',
    'sample',
    'todo',
    'fixme',
    'your',
    'yours',
    'redacted',
    'notasecret',
    'notsecret',
    'setme',
    'insert',
    'irrelevant',
    'unused',
    'ignored',
    'whatever',
    'yoursecretkey',
    'mysecretkey',
    'secretkeyhere',
]);
/**
 * Words that are not secret on their own: a value made only of these (and numbers) is a stand-in,
 * e.g. `django-insecure-dev-key`, `secret`, `test-key-123`, `herokudefault`, `notsecret`.
 */
const FILLER_WORDS = new Set([
    'a',
    'access',
    'an',
    'api',
    'app',
    'at',
    'auth',
    'bar',
    'baz',
    'amazon',
    'aws',
    'broker',
    'cache',
    'celery',
    'docker',
    'docs',
    'mongo',
    'mysql',
    'postgres',
    'postgresql',
    'rabbitmq',
    'redis',
    'be',
    'build',
    'chars',
    'ci',
    'characters',
    'client',
    'code',
    'config',
    'credential',
    'credentials',
    'data',
    'database',
    'db',
    'debug',
    'default',
    'demo',
    'dev',
    'develop',
    'development',
    'django',
    'email',
    'empty',
    'env',
    'fake',
    'fallback',
    'foo',
    'for',
    'github',
    'gitlab',
    'gmail',
    'google',
    'heroku',
    'here',
    'host',
    'in',
    'insecure',
    'is',
    'key',
    'keys',
    'least',
    'local',
    'localhost',
    'long',
    'mail',
    'mailgun',
    'mailtrap',
    'me',
    'mock',
    'must',
    'my',
    'name',
    'new',
    'none',
    'not',
    'now',
    'null',
    'num',
    'number',
    'of',
    'only',
    'own',
    'pass',
    'passwd',
    'password',
    'please',
    'port',
    'private',
    'prod',
    'production',
    'project',
    'put',
    'paste',
    'enter',
    'pwd',
    'qwerty',
    'random',
    'real',
    'secret',
    'secretkey',
    'secrets',
    'sendgrid',
    'sentry',
    'server',
    'set',
    'settings',
    'site',
    'smtp',
    'some',
    'staging',
    'string',
    'stripe',
    'strong',
    'super',
    'supersecret',
    'test',
    'testing',
    'tests',
    'the',
    'this',
    'token',
    'travis',
    'twilio',
    'unsafe',
    'use',
    'user',
    'username',
    'value',
    'very',
    'with',
]);
/**
 * Words long enough to segment a run of letters into (`herokudefault` → heroku + default,
 * `mypassword` → my + password): other two-letter words are left out, since short random runs
 * would split into them by chance.
 */
const SEGMENT_WORDS = [...MARKER_WORDS, ...FILLER_WORDS, 'my'].filter((word) => word.length >= 3 || word === 'my');
const SEGMENT_SET = new Set(SEGMENT_WORDS);
const LONGEST_SEGMENT = Math.max(...SEGMENT_WORDS.map((word) => word.length));
/**
 * Template and reference syntaxes that make up a whole value: it names a secret held elsewhere.
 * A value that merely contains one of them is judged without it (see `withoutTemplates`).
 */
const WHOLE_TEMPLATES = [
    /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
    /^\$\([A-Za-z_][\w.-]*(?:\s[^)]*)?\)$/, // $(command), Kubernetes $(POSTGRESQL_PASSWORD)
    /^%\([A-Za-z0-9_]+\)s$/, // configparser interpolation
    /^%[sdr]$/, // '%s' % x
    /^\{(?:[A-Za-z_][\w.[\]'"]*|\d*)(?:![rsa])?(?::[^{}]*)?\}$/, // str.format / f-string field {password}
    /^!!!\s*set\b/i,
    /^@@?[A-Za-z_]+@@?$/,
    /^__[A-Z0-9_]+__$/,
    // An environment variable's name given where its value belongs: `'AWS_SECRET_ACCESS_KEY'`.
    /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/,
];
/** Template syntaxes found inside a value; removed before the rest is judged. */
// The body of each excludes the opening character, so a run of unclosed openings (`${{${{…`)
// costs one pass, not one pass per opening (test/core/regex-linear.test.ts).
const EMBEDDED_TEMPLATES = [
    /\$\{\{[^}$]*\}\}/g, // ${{ secrets.X }}
    /\$\{[A-Za-z_][A-Za-z0-9_]*(?:[:?+=-][^}$]*)?\}/g, // ${VAR}, ${VAR:-default}, ${VAR:?msg}
    /\{\{[^{}]*\}\}/g, // Jinja, Go and Helm templates
    /\{%[^%]*%\}/g,
    /<[^<>\s][^<>]{0,78}>/g, // <your-key>
    /!!![^!]*!!!/g, // cookiecutter-django: !!!SET DJANGO_SECRET_KEY!!!
    /\$\([A-Za-z_][\w.-]*(?:\s[^)$]*)?\)/g,
];
/** A run of letters that starts with an instruction to replace it. */
const LEADING_MARKER = /^(changeme|changethis|replaceme|replacewith|placeholder|insertyour|enteryour|putyour|yoursecret|yourkey)/;
/** Adjacent characters on a keyboard row, for `qwertyuiop`-style runs. */
const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890', '0123456789abcdef'];
/** True when a run of lower-case letters splits entirely into vocabulary words. */
function segmentsIntoWords(run) {
    if (run.length < 3 || run.length > 64)
        return SEGMENT_SET.has(run);
    const reachable = new Array(run.length + 1).fill(false);
    reachable[0] = true;
    for (let end = 1; end <= run.length; end++) {
        for (let start = Math.max(0, end - LONGEST_SEGMENT); start < end; start++) {
            if (reachable[start] && SEGMENT_SET.has(run.slice(start, end))) {
                reachable[end] = true;
                break;
            }
        }
    }
    return reachable[run.length] === true;
}
/**
 * Low variety: `xxxxxxxx`, `0000-0000`, `abab`, a short unit repeated (`abcabcabc`), a vocabulary
 * word repeated (`secretsecretsecret`), an alphabet or keyboard run (`abcdefghijklmnopqrstuvwxyz`).
 */
function hasLowVariety(significant) {
    if (uniqueCharCount(significant) < 4)
        return true;
    for (let unit = 1; unit <= significant.length / 2; unit++) {
        if (significant.length % unit !== 0)
            continue;
        const head = significant.slice(0, unit);
        if (head.repeat(significant.length / unit) !== significant)
            continue;
        // `hunter2hunter2` is a (weak) password, `secretsecret` is not.
        if (unit <= 3 || segmentsIntoWords(head.replace(/[^a-z]/g, '')))
            return true;
    }
    if (significant.length >= 8) {
        let steps = 0;
        for (let i = 1; i < significant.length; i++) {
            const previous = significant[i - 1] ?? '';
            const current = significant[i] ?? '';
            if (current.charCodeAt(0) - previous.charCodeAt(0) === 1)
                steps++;
            else if (KEYBOARD_ROWS.some((row) => row.includes(previous + current)))
                steps++;
        }
        if (steps >= 0.9 * (significant.length - 1))
            return true;
    }
    return false;
}
/** The value with embedded template syntax removed (`prefix-<your key>` → `prefix-`). */
function withoutTemplates(value) {
    let rest = value;
    for (const pattern of EMBEDDED_TEMPLATES)
        rest = rest.replace(pattern, ' ');
    return rest;
}
/** Whether `value` is made of template syntax and stand-in words only. */
function isStandIn(value) {
    const significant = value.replace(/[\s\-_.:/]/g, '').toLowerCase();
    if (hasLowVariety(significant))
        return true;
    // startproject's prefix is structure, not a hint: judge the random part after it.
    const body = value.replace(/^django-insecure-/i, '').toLowerCase();
    const runs = body.split(/[^a-z0-9]+/).filter((run) => run !== '');
    // Letters and digits are separate words: `changeme123` is `changeme` + `123`.
    const words = runs.flatMap((run) => run.match(/[a-z]+|[0-9]+/g) ?? []);
    if (words.length === 0)
        return false;
    const isMarker = (word) => MARKER_WORDS.has(word) || /^x{4,}$/.test(word);
    // An instruction run together: `changemetoenablevat`, `replacemewithyourkey`.
    const letters = words.filter((word) => /^[a-z]/.test(word)).join('').length;
    if (words.some((word) => LEADING_MARKER.test(word) && word.length >= 0.5 * letters))
        return true;
    const isWord = (word) => isMarker(word) || FILLER_WORDS.has(word) || segmentsIntoWords(word);
    if (words.some(isMarker)) {
        // A marker word counts only when words carry the value: a random key can contain a fragment
        // such as `xxxx` or `todo` by chance, surrounded by random characters.
        const known = words.filter(isWord).reduce((sum, word) => sum + word.length, 0);
        const total = words.reduce((sum, word) => sum + word.length, 0);
        if (known >= 0.4 * total)
            return true;
    }
    if (words.every((word) => isWord(word) || /^\d+$/.test(word))) {
        // Only a value that is nothing but words and separators: a random key has symbol runs too.
        return /^[A-Za-z0-9\s\-_.]+$/.test(value);
    }
    return false;
}
/**
 * True when a value is template or reference syntax and nothing else: `${VAR}`, `${VAR:-x}`,
 * `$(VAR)`, `{password}`, `%(name)s`, `{{ var }}`, `<password>`, an env variable's name. Such a
 * value names a secret held elsewhere, whatever a default inside it says.
 */
function isTemplateReference(raw) {
    const value = raw.trim();
    if (value === '')
        return false;
    if (WHOLE_TEMPLATES.some((pattern) => pattern.test(value)))
        return true;
    const rest = withoutTemplates(value);
    return rest !== value && rest.replace(/[\s\-_.:/@]/g, '') === '';
}
/**
 * True when a value is empty or a stand-in (placeholder words, a template or reference, repeated
 * characters), so it is not a secret leak. A value that *contains* a template is judged by the
 * rest: `<your-key>` is a placeholder, a random key that happens to hold `<…>` is not. Callers
 * decide what "short" means for their rule.
 */
function isPlaceholderValue(raw) {
    const value = raw.trim();
    if (value === '')
        return true;
    // A command that makes a key at run time (`$(openssl rand -hex 32)`) is not a committed one.
    if (isGeneratedValue(value) || isInstructionRunTogether(value) || isYourValue(value))
        return true;
    if (WHOLE_TEMPLATES.some((pattern) => pattern.test(value)))
        return true;
    const rest = withoutTemplates(value);
    if (rest !== value) {
        const significant = rest.replace(/[\s\-_.:/]/g, '');
        // What is left around the template is separators, a word or two, or a fragment too short
        // to be a credential: `${PREFIX}-<key>`, `Bearer <token>`.
        return significant.length < 8 || isStandIn(rest);
    }
    return isStandIn(value);
}
/**
 * "Real-looking": long, high entropy, not a stand-in. Used where a value is only suspicious when it
 * could be a generated credential (`.env.example` templates, passwords at local hosts).
 */
function isRealLookingSecret(raw) {
    const value = raw.trim();
    if (isPlaceholderValue(value))
        return false;
    const length = Array.from(value).length;
    if (length < 16)
        return false;
    if (/\s/.test(value))
        return false;
    return shannonEntropy(value) >= 3.0 && uniqueCharCount(value) >= 8;
}
/**
 * The strength test for a value found only by the name it is assigned to (`API_TOKEN: …` in a
 * YAML file, `"password": "…"` in JSON): at least 8 characters without spaces, not a stand-in, and
 * some variety. Weaker than `isRealLookingSecret` (a human-chosen password such as `hunter2hunter2`
 * passes), stronger than "not a placeholder" (prose and identifiers fail).
 */
function isPlausibleCredential(raw) {
    const value = raw.trim();
    if (isPlaceholderValue(value))
        return false;
    if (Array.from(value).length < 8 || /\s/.test(value))
        return false;
    // Dotted names, paths and URLs without a password are configuration, not credentials.
    if (/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_-]*)+$/.test(value) || /^\.{0,2}\//.test(value))
        return false;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value))
        return false;
    if (isPasswordHash(value))
        return false;
    if (isFilePathValue(value) || isIdentifierShaped(value))
        return false;
    // Lower-case words joined by `_` or `-` are identifiers and enum values
    // (`INVALID_PASSWORD = "invalid_password"`), not credentials.
    if (/^[a-z]+(?:[_-][a-z]+)+$/.test(value))
        return false;
    return uniqueCharCount(value) >= 6 && shannonEntropy(value) >= 2.5;
}
/**
 * A password as Django stores it (`pbkdf2_sha256$600000$salt$hash`, `argon2$argon2id$…`,
 * `bcrypt_sha256$$2b$…`, `sha1$salt$hash`, `!` for an unusable password): fixture data, not a
 * credential that logs in.
 * https://docs.djangoproject.com/en/stable/topics/auth/passwords/#how-django-stores-passwords
 */
function isPasswordHash(raw) {
    const value = raw.trim();
    return (/^(pbkdf2_sha256|pbkdf2_sha1|argon2|bcrypt_sha256|bcrypt|scrypt|sha1|md5|unsalted_md5|unsalted_sha1|crypt)\$[^\s$]*\$/.test(value) || /^!\S{0,60}$/.test(value));
}
/**
 * A file path given where a credential's name suggests a value (`docker_private_key:
 * ~/.ssh/deploy_key`, `SSL_KEY = "certs/server.key"`): it names where the secret lives. A path
 * starts at `/`, `~/`, `./` or `../`, or is word segments joined by `/` ending in a file
 * extension. A base64 secret may hold `/` too, but not a leading `~/` nor a `.ext` ending after
 * word-only segments.
 */
function isFilePathValue(raw) {
    const value = raw.trim();
    if (value.length > 260 || /\s/.test(value))
        return false;
    if (!/^(?:~|\.{1,2})?\/[\w.@-]/.test(value) && !value.includes('/'))
        return false;
    const segments = value.replace(/^(?:~|\.{1,2})?\//, '').split('/');
    if (!segments.every((segment) => /^[\w.@-]{0,64}$/.test(segment)))
        return false;
    if (/^(?:~|\.{1,2})?\//.test(value))
        return true;
    // `applications/netbox`, `compose/pycharm/.ssh_keys/id_ed25519`: lower-case names (base64
    // secrets, the other values holding `/`, have capitals).
    if (segments.every((segment) => /^[a-z0-9._-]{0,64}$/.test(segment) && /[a-z]/.test(segment)))
        return true;
    return /\.[A-Za-z][A-Za-z0-9]{0,5}$/.test(segments[segments.length - 1] ?? '');
}
/**
 * An instruction written as the value, run together or in capitals: `PLEASECHANGETHISFORTHELOVEOFGOD`,
 * `please-change-me`, `ChangeThisToSomethingRandom`. A random key never starts this way.
 */
function isInstructionRunTogether(value) {
    const letters = value.toLowerCase().replace(/[^a-z]/g, '');
    if (letters.length < 12 || letters.length < 0.8 * value.length)
        return false;
    // Words of 6+ letters: a random value holds one by chance about once in ten million.
    return INSTRUCTION_WORDS.some((word) => letters.includes(word));
}
/**
 * Instructions seen written as values (paperless-ngx's docs and Ansible role:
 * `PLEASEPROVIDEASTRONGPASSWORDHERE`, `AGAINPLEASECHANGETHISNOW`,
 * `PleaseGenerateAStrongKeyForThis`, `YourDesiredPasswordUsedForFirstLogin`, `THISISNOTASECRET`).
 */
const INSTRUCTION_WORDS = [
    'please',
    'changethis',
    'changeme',
    'replacethis',
    'replaceme',
    'provide',
    'yourdesired',
    'generatea',
    'generateyour',
    'notasecret',
    'insertyour',
    'enteryour',
];
/**
 * A name written in lower case with `-`/`_` between words, where a word may end in a short
 * number (`ec2-instance-connect`, `route53-domains`, `s3_bucket`): an identifier, not a
 * credential. A UUID or hex token does not split into such words.
 */
function isIdentifierShaped(value) {
    const parts = value.split(/[-_]/);
    return (parts.length >= 2 &&
        parts.every((part) => /^[a-z]{2,}[0-9]{0,2}$/.test(part) || /^[a-z]{1,3}[0-9]{1,2}$/.test(part)));
}
/**
 * The reader's own value, described: `your-webhook-secret-from-step-2`, `your_api_key`,
 * `YourClientSecretFromTheConsole` (django-oscar's docs). Words joined by `-`/`_`, or capitalised
 * words run together, after a leading "your"; a separator or a capital is required between
 * words, so the match is linear and a random value that merely starts with "your" is not one.
 */
function isYourValue(value) {
    return (/^your(?:[-_][a-z0-9]+){1,12}$/i.test(value) || /^Your(?:[A-Z][a-z0-9]*){1,12}$/.test(value));
}

;// CONCATENATED MODULE: ./src/secrets/rule.ts
/** The scope of a hit that depends only on its own line. */
const LINE_SCOPE = { kind: 'lines', radius: 0 };
function defineSecretRule(definition) {
    return { kind: 'secret', ...definition };
}

;// CONCATENATED MODULE: ./src/secrets/text-lines.ts
function createLineIndex(content) {
    // Built on first use: most files a detector looks at have no match, and a full pass over every
    // scanned file for every rule showed up as a tenth of a history scan's time.
    let starts;
    const lineStarts = () => (starts ??= lineStartsOf(content));
    const lineAt = (offset) => lineIndexAt(lineStarts(), offset) + 1;
    return {
        lineAt,
        columnAt: (offset) => offset - (lineStarts()[lineAt(offset) - 1] ?? 0) + 1,
    };
}
/** How many of the ascending `values` are at most `value` (one binary search). */
function countAtMost(values, value) {
    let low = 0;
    let high = values.length;
    while (low < high) {
        const mid = (low + high) >> 1;
        if ((values[mid] ?? 0) <= value)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}
/** 0-based index of the last line start at or before `offset` (`starts` ascending, from 0). */
function lineIndexAt(starts, offset) {
    return Math.max(0, countAtMost(starts, offset) - 1);
}
/**
 * The last text's line starts: every rule that reads line numbers indexes the same file in turn,
 * so one index serves them all (one typed array per file instead of a growing array per rule,
 * which was 150 MB of garbage at the peak of a history scan).
 */
let indexed;
/** Where lineStartsOf collects line starts (entry 0 is always 0); let go past a million lines. */
let scratchStarts = new Int32Array(1024);
const MAX_SCRATCH_STARTS = 1 << 20;
function lineStartsOf(content) {
    if (indexed !== undefined && indexed.content === content)
        return indexed.starts;
    let starts;
    if (content.indexOf('\r') === -1) {
        // LF only: one pass of native indexOf into a reused buffer, then one copy of what it found
        // (counting first, then filling, was two passes over every text).
        let n = 1;
        for (let i = content.indexOf('\n'); i !== -1; i = content.indexOf('\n', i + 1)) {
            if (n === scratchStarts.length) {
                const grown = new Int32Array(scratchStarts.length * 2);
                grown.set(scratchStarts);
                scratchStarts = grown;
            }
            scratchStarts[n++] = i + 1;
        }
        starts = scratchStarts.slice(0, n);
        if (scratchStarts.length > MAX_SCRATCH_STARTS)
            scratchStarts = new Int32Array(1024);
    }
    else {
        const found = [0];
        for (let i = 0; i < content.length; i++) {
            const code = content.charCodeAt(i);
            if (code === 10)
                found.push(i + 1);
            else if (code === 13) {
                if (content.charCodeAt(i + 1) === 10)
                    i++;
                found.push(i + 1);
            }
        }
        starts = Int32Array.from(found);
    }
    indexed = { content, starts };
    return starts;
}
/** Splits into physical lines (CRLF, CR, LF) keeping offsets; the line text has no break. */
function splitLines(content) {
    const lines = [];
    const pattern = /\r\n|\r|\n/g;
    let start = 0;
    let number = 1;
    for (let match = pattern.exec(content); match; match = pattern.exec(content)) {
        lines.push({ number, text: content.slice(start, match.index), offset: start });
        start = match.index + match[0].length;
        number++;
    }
    lines.push({ number, text: content.slice(start), offset: start });
    return lines;
}
/** Lower-case base name of a repository-relative path. */
function baseNameOf(path) {
    const slash = path.lastIndexOf('/');
    return (slash === -1 ? path : path.slice(slash + 1)).toLowerCase();
}
/**
 * The physical lines on which `pattern` (a global regex) matches, in order, each once: one pass
 * of the regex over the text (measured faster than one `indexOf` pass per keyword), and no
 * splitting of the lines nobody looks at. Line numbers come from the file's line index, built
 * once per file and shared by every rule (counting every line break up to each matched line, per
 * rule, was a tenth of a history scan; a getter per line that built the index lazily kept 150 MB
 * more at the scan's peak).
 */
function linesMatching(content, pattern) {
    // Most text has no CR: then line ends are found with indexOf (native, fast) instead of a
    // JavaScript loop over every character, which was a tenth of a history scan.
    // Decided at the first match: most texts have none, and then neither search is needed.
    let lf;
    const index = createLineIndex(content);
    const lines = [];
    pattern.lastIndex = 0;
    for (let match = pattern.exec(content); match !== null; match = pattern.exec(content)) {
        let start;
        let end;
        lf ??= content.indexOf('\r') === -1;
        if (lf) {
            start = match.index === 0 ? 0 : content.lastIndexOf('\n', match.index - 1) + 1;
            const newline = content.indexOf('\n', match.index + Math.max(1, match[0].length));
            end = newline === -1 ? content.length : newline;
        }
        else {
            start = match.index;
            while (start > 0) {
                const code = content.charCodeAt(start - 1);
                if (code === 10 || code === 13)
                    break;
                start--;
            }
            end = match.index + Math.max(1, match[0].length);
            while (end < content.length) {
                const code = content.charCodeAt(end);
                if (code === 10 || code === 13)
                    break;
                end++;
            }
        }
        lines.push({ number: index.lineAt(start), text: content.slice(start, end), offset: start });
        // The next match starts on a later line.
        pattern.lastIndex = end;
    }
    return lines;
}

;// CONCATENATED MODULE: ./src/secrets/rules/aws-access-key.ts



/** Access key ids: `AKIA` (long-term) and `ASIA` (STS temporary), 20 characters. */
const AWS_ACCESS_KEY_ID_PATTERN = /(?<![A-Z0-9])((?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Z0-9])/g;
/**
 * `aws_secret_access_key = …`, `AWS_SECRET_ACCESS_KEY: …`, `"SecretAccessKey": "…"`, and the
 * literal default of an env read of that name, on the same line or the next few
 * (`env("AWS_SECRET_ACCESS_KEY", default="…")`): the first 40-character base64 word after the
 * name, within 200 characters.
 */
const SECRET_ACCESS_KEY = /(?:aws_?secret_?access_?key|secret_?access_?key|aws_?secret_?key)(?:[^\n]|\n(?!\s*\n)){0,200}?(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi;
/** The documented examples (https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html). */
const DOCUMENTED_EXAMPLES = new Set([
    'AKIAIOSFODNN7EXAMPLE',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
]);
function detectAwsAccessKeys(file) {
    const index = createLineIndex(file.content);
    const secrets = Array.from(file.content.matchAll(SECRET_ACCESS_KEY), (match) => ({
        value: match[1] ?? '',
        line: index.lineAt(match.index),
    })).filter(({ value }) => 
    // Base64 of random bytes mixes cases; a 40-character hex digest (a git sha) does not.
    /[A-Z]/.test(value) &&
        /[a-z]/.test(value) &&
        !DOCUMENTED_EXAMPLES.has(value) &&
        !isPlaceholderValue(value));
    const matches = [];
    for (const match of file.content.matchAll(AWS_ACCESS_KEY_ID_PATTERN)) {
        const id = match[1] ?? '';
        if (DOCUMENTED_EXAMPLES.has(id) || id.endsWith('EXAMPLE') || isPlaceholderValue(id.slice(4)))
            continue;
        const line = index.lineAt(match.index);
        // Pair with the nearest secret access key in the same file (credentials files list them together).
        const paired = secrets.reduce((best, candidate) => !best || Math.abs(candidate.line - line) < Math.abs(best.line - line) ? candidate : best, undefined);
        matches.push({
            line,
            column: index.columnAt(match.index),
            secret: paired ? `${id}:${paired.value}` : id,
            // The pair is the identity; each half is what a log could show.
            maskValues: paired ? [id, paired.value] : [id],
            // An id with its secret next to it is a usable credential pair, wherever it sits.
            ...(paired ? { validated: true } : {}),
            message: paired
                ? `AWS ${id.startsWith('ASIA') ? 'temporary ' : ''}access key id with its secret access key (line ${paired.line}) in the same file`
                : `AWS ${id.startsWith('ASIA') ? 'temporary ' : ''}access key id`,
        });
    }
    return matches;
}
const awsAccessKey = defineSecretRule({
    id: 'DDG105',
    name: 'aws-access-key',
    severity: 'critical',
    fix: 'Deactivate the key in IAM, rotate it, and let the workload get credentials from its role (or the environment) instead of the code.',
    keywords: ['akia', 'asia'],
    detect: detectAwsAccessKeys,
    // A hit is an id (on a line holding `AKIA`/`ASIA`), kept or dropped by itself; the secret paired
    // with it is the nearest in the whole file.
    scope: () => ({ kind: 'keyword-hits' }),
    docs: {
        summary: 'An AWS access key id (and possibly its secret) is committed.',
        whatItDoes: 'Finds AWS access key ids (`AKIA…` long-term and `ASIA…` temporary, 20 characters) ' +
            'anywhere in a file. When the same file also holds a 40-character ' +
            '`aws_secret_access_key` / `AWS_SECRET_ACCESS_KEY` (assigned, or the literal default of an ' +
            'env read of that name), the finding says so and covers both ' +
            '(the pair is what grants access). The documented example `AKIAIOSFODNN7EXAMPLE` is ignored.',
        whyBad: 'With the key id and secret, anyone can call AWS as that IAM user: read S3 buckets (often ' +
            'the media and backups of a Django site), run up compute bills or delete resources. ' +
            'Automated scanners harvest keys from public repositories within minutes.',
        badExample: {
            file: 'config/settings/production.py',
            content: [
                'AWS_ACCESS_KEY_ID = "{{secret:aws-access-key-id}}"',
                'AWS_SECRET_ACCESS_KEY = "{{secret:aws-secret-access-key}}"',
                'AWS_STORAGE_BUCKET_NAME = "media"',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: 'config/settings/production.py',
            content: [
                'import environ',
                '',
                'env = environ.Env()',
                '',
                '# Credentials come from the instance role; only the bucket is configured here.',
                'AWS_STORAGE_BUCKET_NAME = env("DJANGO_AWS_STORAGE_BUCKET_NAME")',
                '',
            ].join('\n'),
        },
        useInstead: 'Use IAM roles (instance profiles, ECS task roles, IRSA, GitHub OIDC) so no long-term key ' +
            'exists; otherwise pass `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` through the environment ' +
            'from a secret store. Deactivate and delete any key that was committed.',
        references: [
            'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
            'https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html',
            'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
            'https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/url-credentials.ts
/**
 * `scheme://user:password@host` in any text, split the way Python's `urllib.parse.urlsplit` (and
 * so dj-database-url, django-environ and dj-email-url) splits it: the authority runs from `//` to
 * the first `/`, `?` or `#`; the userinfo is everything before the LAST `@` of the authority; the
 * user is the userinfo up to its first `:`, the password everything after it. So a raw `@` or
 * `:` belongs to the password (`app:Kx7f@Wd9p@db` is user `app`, password `Kx7f@Wd9p`, host
 * `db`), and a raw `#` ends the URL's authority before any `@`: Python then sees no password at
 * all. test/secrets/url-credentials.test.ts checks this against Debian's python3.
 * https://docs.python.org/3/library/urllib.parse.html#urllib.parse.urlsplit
 */
const isSchemeChar = (code) => (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 43 ||
    code === 45 ||
    code === 46;
const isLetter = (code) => (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
const isWordChar = (code) => isSchemeChar(code) || code === 95;
/**
 * Characters that end a URL's authority: `/`, `?`, `#` (RFC 3986 and urlsplit) and, for a URL
 * embedded in text, whitespace, quotes, angle brackets (`"…"`, `<…>`) and a backslash (an escaped
 * quote in JSON or Python). A password may hold any other character, `)`, `,` and `;` included.
 */
const AUTHORITY_END = new Set([...'/?#\'"`<>\\'].map((char) => char.charCodeAt(0)));
const isAuthorityEnd = (code) => code <= 32 || AUTHORITY_END.has(code) || (code > 127 && /\s/.test(String.fromCharCode(code)));
/** The longest authority looked at; longer runs are not URLs a project writes. */
const MAX_AUTHORITY = 512;
/**
 * Every URL with an inline password. Finds each `://` first and takes the scheme before it: the
 * longest run of scheme characters (at most 21) that starts with a letter after a non-word
 * character, as `\b[a-z][a-z0-9+.-]{1,20}://` would.
 */
function findUrlCredentials(text) {
    const found = [];
    let from = 0;
    let nextAt = -2;
    for (let sep = text.indexOf('://', from); sep !== -1; sep = text.indexOf('://', from)) {
        from = sep + 3;
        let start = sep;
        while (start > 0 && sep - start < 21 && isSchemeChar(text.charCodeAt(start - 1)))
            start--;
        while (start <= sep - 2 &&
            (!isLetter(text.charCodeAt(start)) || (start > 0 && isWordChar(text.charCodeAt(start - 1)))))
            start++;
        if (start > sep - 2)
            continue;
        const authorityStart = sep + 3;
        let end = authorityStart;
        const limit = Math.min(text.length, authorityStart + MAX_AUTHORITY);
        // Userinfo needs an `@`: most URLs have none near, and a text with none left has no more.
        // The next `@` is remembered, so the text is searched for it once, not once per URL.
        if (nextAt < authorityStart)
            nextAt = text.indexOf('@', authorityStart);
        if (nextAt === -1)
            break;
        if (nextAt >= limit)
            continue;
        while (end < limit && !isAuthorityEnd(text.charCodeAt(end)))
            end++;
        const authority = text.slice(authorityStart, end);
        const at = authority.lastIndexOf('@');
        if (at === -1)
            continue;
        const userinfo = authority.slice(0, at);
        const colon = userinfo.indexOf(':');
        if (colon === -1)
            continue;
        const password = userinfo.slice(colon + 1);
        if (password === '')
            continue;
        const hostPort = authority.slice(at + 1);
        const host = hostPort.startsWith('[')
            ? hostPort.slice(1, Math.max(1, hostPort.indexOf(']')))
            : (hostPort.split(':')[0] ?? '');
        // urlsplit lower-cases the host but keeps an IPv6 zone id (`%eth0`) as written.
        const zone = host.indexOf('%');
        const pathMatch = text[end] === '/' ? /^\/([^?#\s'"`<>\\]*)/.exec(text.slice(end, end + 256)) : null;
        found.push({
            scheme: text.slice(start, sep).toLowerCase(),
            user: userinfo.slice(0, colon),
            password,
            host: zone === -1 ? host.toLowerCase() : host.slice(0, zone).toLowerCase() + host.slice(zone),
            path: pathMatch?.[1] ?? '',
            index: start,
            passwordIndex: authorityStart + colon + 1,
            end,
        });
        from = Math.max(from, end);
    }
    return found;
}
/**
 * `urllib.parse.unquote`: each run of `%XX` escapes is decoded as UTF-8 with invalid bytes
 * replaced by U+FFFD (Python's `errors='replace'`); malformed escapes stay as they are (JavaScript's
 * `decodeURIComponent` would reject the whole string instead).
 */
function unquoteUrlPart(value) {
    if (!value.includes('%'))
        return value;
    const decoder = new TextDecoder('utf-8');
    return value.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => decoder.decode(Uint8Array.from(run.slice(1).split('%'), (hex) => Number.parseInt(hex, 16))));
}
/** The values a URL password must be masked as: decoded, and as written when that differs. */
function passwordMaskValues(credentials) {
    const decoded = unquoteUrlPart(credentials.password);
    return decoded === credentials.password ? [decoded] : [decoded, credentials.password];
}

;// CONCATENATED MODULE: ./src/secrets/default-credentials.ts


/**
 * The one judgement of a credential written in a URL (or as a user/password/database triple),
 * used by every rule that sees URLs: database and broker URLs (DDG104), email URLs (DDG109),
 * committed .env files (DDG102), compose files (DDG310) and credential settings (DDG226). A
 * well-known default is a default credential (`low` at a local host, said so), a template or
 * stand-in is nothing, anything else is a secret.
 */
/**
 * Out-of-the-box passwords of the official and Bitnami images (postgres, mysql, mariadb, redis,
 * rabbitmq `guest`, mongo, minio, elasticsearch…) and the words local setups use for them.
 */
const DEFAULT_PASSWORDS = new Set([
    'postgres',
    'postgresql',
    'postgis',
    'mysql',
    'mariadb',
    'root',
    'admin',
    'guest',
    'redis',
    'rabbitmq',
    'mongo',
    'mongodb',
    'minio',
    'minioadmin',
    'elastic',
    'bitnami',
    'docker',
    'django',
    'celery',
    'dev',
    'test',
    'local',
]);
/**
 * A password of lower-case words and digits only (`hellokitty`, `shop_pass1`), as people type.
 * The separator is required inside the repeated group: `(?:[_-]?[a-z]+)*` matched a run of letters
 * in exponentially many ways and hung on `aaaa…a!` (test/core/regex-linear.test.ts).
 */
const SIMPLE_PASSWORD = /^[a-z]+(?:[_-][a-z]+)*\d{0,4}$/;
/**
 * Why a credential is a well-known default, or undefined: an image's default password, the
 * password equal to the user name, or equal to the database name (`saleor:saleor@…/saleor`).
 */
function defaultCredentialReason(parts) {
    const password = parts.password.trim().toLowerCase();
    if (password === '')
        return undefined;
    if (DEFAULT_PASSWORDS.has(password))
        return 'a well-known default password';
    if (parts.user !== undefined && password === parts.user.trim().toLowerCase())
        return 'the password is the user name';
    const database = parts.database?.trim().toLowerCase();
    if (database !== undefined && database !== '' && password === database)
        return 'the password is the database name';
    if (parts.engine !== undefined && /sqlite/i.test(parts.engine))
        return 'SQLite ignores the password';
    // A word-like password for a database on the developer's own machine or compose network is a
    // local setup, not a leaked credential; a generated-looking one stays a secret.
    const host = parts.host?.trim().toLowerCase();
    if (host !== undefined &&
        (host === '' || isLocalHost(host)) &&
        SIMPLE_PASSWORD.test(parts.password) &&
        !isPlaceholderValue(parts.password))
        return 'a simple password for a local database';
    if (host !== undefined && (host === '' || isLocalHost(host)) && isTypedPassword(parts.password))
        return 'a simple password for a local database';
    return undefined;
}
/**
 * Passwords people type for a database on their own machine: digits only (`1234`, `123456`),
 * digits with a symbol or two that a password form asked for (`1234$`, saleor's contributor
 * URL), or a default word spelled with digits (`pa55word`, `p@ssw0rd`, `r00t`).
 */
function isTypedPassword(password) {
    if (/^[^\w\s]{0,2}\d{1,12}[^\w\s]{0,2}$/.test(password))
        return true;
    const plain = password
        .toLowerCase()
        .replace(/[0@4]/g, (c) => (c === '0' ? 'o' : 'a'))
        .replace(/[5$]/g, 's')
        .replace(/3/g, 'e')
        .replace(/[1!]/g, 'i')
        .replace(/7/g, 't');
    return (plain !== password.toLowerCase() && (DEFAULT_PASSWORDS.has(plain) || COMMON_WORDS.has(plain)));
}
/** Words a leet spelling turns into a password people reuse everywhere. */
const COMMON_WORDS = new Set(['password', 'passwort', 'pass', 'secret', 'letmein', 'changeme']);
/**
 * Local development hosts: loopback, `0.0.0.0`, Docker's host alias, and single-label compose
 * service names (`db`, `postgres`, `redis`) that only resolve inside a compose network.
 */
function isLocalHost(host) {
    return (host === 'localhost' ||
        host.endsWith('.localhost') ||
        host.startsWith('127.') ||
        host === '::1' ||
        host === '[::1]' ||
        host === '0.0.0.0' ||
        host === 'host.docker.internal' ||
        /^[a-z][a-z0-9_-]*$/.test(host));
}
/**
 * Judges the password of a URL: a template or stand-in, a default credential (`low` at a local
 * host, `medium` at any other host: guessable, but not a leaked secret), or a secret.
 */
function judgeUrlCredentials(credentials) {
    const password = unquoteUrlPart(credentials.password);
    if (isTemplateReference(password) || isTemplateReference(credentials.password))
        return { kind: 'placeholder' };
    const local = isLocalHost(credentials.host);
    const database = credentials.path.split('/')[0];
    const reason = defaultCredentialReason({
        user: unquoteUrlPart(credentials.user),
        password,
        host: credentials.host,
        ...(database !== undefined ? { database: unquoteUrlPart(database) } : {}),
    });
    if (reason !== undefined)
        return { kind: 'default', reason, local, severity: local ? 'low' : 'medium' };
    if (isPlaceholderValue(password))
        return { kind: 'placeholder' };
    return { kind: 'secret', local };
}
/** The message part for a default credential: `a default credential (the password is …)`. */
function describeDefaultCredential(verdict) {
    return `a default credential (${verdict.reason})${verdict.local ? '' : ', for a non-local host'}`;
}

;// CONCATENATED MODULE: ./src/secrets/url-matches.ts



/**
 * Matches for every URL with an inline password whose scheme is in `schemes`, judged by the one
 * default-credential judgement: stand-ins are skipped, defaults carry their own severity and say
 * so. The secret is the whole percent-decoded password; the message names the scheme and the host
 * (everything after the password's last `@`), never a part of the password.
 */
function detectUrlPasswords(file, schemes) {
    const index = createLineIndex(file.content);
    const matches = [];
    for (const credentials of findUrlCredentials(file.content)) {
        if (!schemes.has(credentials.scheme) && !schemes.has(withoutDriver(credentials.scheme)))
            continue;
        const verdict = judgeUrlCredentials(credentials);
        if (verdict.kind === 'placeholder')
            continue;
        const match = {
            line: index.lineAt(credentials.passwordIndex),
            column: index.columnAt(credentials.index),
            secret: unquoteUrlPart(credentials.password),
            maskValues: passwordMaskValues(credentials),
            message: `${credentials.scheme} URL with an inline password${verdict.kind === 'default' ? ` (${describeDefaultCredential(verdict)})` : ''}${credentials.host === '' ? ' and no host' : ` for host ${credentials.host}`}`,
        };
        if (verdict.kind === 'default') {
            match.severity = verdict.severity;
            match.defaultCredential = true;
        }
        matches.push(match);
    }
    return matches;
}
/**
 * SQLAlchemy's `dialect+driver` schemes (`postgresql+psycopg2`, `mysql+pymysql`,
 * `mssql+pyodbc`): the dialect is the scheme. `redis+sentinel` and `mongodb+srv` are listed whole.
 * https://docs.sqlalchemy.org/en/20/core/engines.html#database-urls
 */
function withoutDriver(scheme) {
    const plus = scheme.indexOf('+');
    return plus === -1 ? scheme : scheme.slice(0, plus);
}

;// CONCATENATED MODULE: ./src/secrets/rules/database-url-with-password.ts


const DATABASE_SCHEMES = new Set([
    'postgres',
    'postgresql',
    'postgis',
    'pgsql',
    'mysql',
    'mysql2',
    'mysqlgis',
    'mariadb',
    'oracle',
    'mssql',
    'redis',
    'rediss',
    'redis+sentinel',
    'amqp',
    'amqps',
    'pyamqp',
    'librabbitmq',
    'mongodb',
    'mongodb+srv',
]);
function detectDatabaseUrls(file) {
    return detectUrlPasswords(file, DATABASE_SCHEMES);
}
const databaseUrlWithPassword = defineSecretRule({
    id: 'DDG104',
    name: 'database-url-with-password',
    severity: 'high',
    fix: 'Take the URL (or at least its password) from the environment and rotate the committed password.',
    keywords: [
        'postgres',
        'postgis',
        'pgsql',
        'mysql',
        'mariadb',
        'oracle',
        'mssql',
        'redis',
        'amqp',
        'rabbitmq',
        'mongodb',
    ],
    // CI databases are throwaway services started for the test run.
    lowIn: ['ci'],
    detect: detectDatabaseUrls,
    // Each hit is one match on one line, judged by that line alone.
    scope: () => LINE_SCOPE,
    docs: {
        summary: 'A database or broker URL carries an inline password.',
        whatItDoes: 'Finds `scheme://user:password@host` URLs for postgres, postgresql, postgis, pgsql, mysql, ' +
            'mysql2, mysqlgis, mariadb, oracle, mssql, redis, rediss, redis+sentinel, amqp, amqps, ' +
            'pyamqp, librabbitmq, mongodb and mongodb+srv (also SQLAlchemy `dialect+driver` schemes such ' +
            'as `postgresql+psycopg2`) in any committed file (settings, ' +
            "`DATABASE_URL` defaults, .env, compose files, docs). The URL is split as Python's " +
            '`urllib.parse.urlsplit` (and so dj-database-url and django-environ) splits it: the ' +
            'password runs to the last `@` before the host, so a raw `@` or `:` in it is part of it. ' +
            'Templates and stand-ins in the password position (`${VAR}`, `${VAR:-default}`, `$VAR`, ' +
            '`$(VAR)`, `{password}`, `%(password)s`, `<password>`, `password`, `changeme`) are ignored. ' +
            "A default credential (an image's well-known password such as `postgres`, `guest`, " +
            '`bitnami`, or the password equal to the user or the database name) is `low` at a local host ' +
            '(localhost, 127.0.0.1, a compose service name such as `db`) and `medium` elsewhere, and the ' +
            'message says it is a default; any other password is `high`. On a commented-out line, in ' +
            'tests, fixtures or CI configuration a hit is at most `low`. The whole password is hashed ' +
            'for the fingerprint and masked; no part of it is shown.',
        whyBad: 'The URL hands out direct access to the data store, bypassing Django entirely. Passwords ' +
            'committed to git are readable by every clone and remain in history; defaults copied from a ' +
            'local setup tend to reach staging and production unchanged.',
        badExample: {
            file: 'config/settings/production.py',
            content: [
                'import environ',
                '',
                'env = environ.Env()',
                '',
                'DATABASES = {',
                '    "default": env.db(',
                '        "DATABASE_URL",',
                '        default="postgres://app:{{secret:db-password}}@db.internal.example.com:5432/app",',
                '    )',
                '}',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: 'config/settings/production.py',
            content: [
                'import environ',
                '',
                'env = environ.Env()',
                '',
                'DATABASES = {"default": env.db("DATABASE_URL")}',
                '',
            ].join('\n'),
        },
        useInstead: 'Read the whole URL from the environment (`env.db("DATABASE_URL")`, ' +
            '`dj_database_url.config()`), or compose it from `POSTGRES_PASSWORD` given by the platform. ' +
            'For local development use a `.env` file that is not committed, or `${POSTGRES_PASSWORD}` ' +
            'interpolation in compose files.',
        references: [
            'https://docs.djangoproject.com/en/stable/ref/settings/#databases',
            'https://django-environ.readthedocs.io/en/latest/types.html#environ-env-db-url',
            'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS',
            'https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/python-tokens.ts
/**
 * A small, linear-time Python tokenizer: just enough to find string literals and the names and
 * operators around them without being fooled by `#`, quotes or brackets inside strings (a Django
 * key may hold `#`, `(` and `)`). It never throws: unterminated strings end at the line (or file)
 * end, unknown characters become one-character operators.
 * Grammar reference: https://docs.python.org/3/reference/lexical_analysis.html
 */
const STRING_PREFIXES = new Set(['r', 'u', 'b', 'f', 'br', 'rb', 'fr', 'rf', 't', 'tr', 'rt']);
const TWO_CHAR_OPS = new Set([
    '==',
    '!=',
    '<=',
    '>=',
    ':=',
    '->',
    '+=',
    '-=',
    '*=',
    '/=',
    '%=',
    '&=',
    '|=',
    '^=',
    '@=',
    '**',
    '//',
    '<<',
    '>>',
]);
/** TWO_CHAR_OPS by their two character codes (`first << 16 | second`): no string to build. */
const TWO_CHAR_OP_CODES = new Set([...TWO_CHAR_OPS].map((op) => (op.charCodeAt(0) << 16) | op.charCodeAt(1)));
function isTwoCharOp(first, second) {
    return TWO_CHAR_OP_CODES.has((first << 16) | second);
}
function isNameStart(code) {
    return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code > 127;
}
function isNamePart(code) {
    return isNameStart(code) || (code >= 48 && code <= 57);
}
const SIMPLE_ESCAPES = {
    n: '\n',
    t: '\t',
    r: '\r',
    '\\': '\\',
    "'": "'",
    '"': '"',
    '\n': '',
};
function decodeEscapes(body) {
    if (!body.includes('\\'))
        return body;
    return body.replace(/\\(\r\n|[\s\S])/g, (whole, char) => char === '\r\n' || char === '\r' ? '' : (SIMPLE_ESCAPES[char] ?? whole));
}
/** Token kinds as stored in `PyTokenStore.kinds`, in `PyTokenKind`'s order. */
const NAME = 0;
const STRING = 1;
const NUMBER = 2;
const OP = 3;
const NEWLINE = 4;
const KIND_NAMES = ['name', 'string', 'number', 'op', 'newline'];
/** String flags. */
const RAW = 1;
const EXPRESSION = 2;
/**
 * A text's tokens in parallel typed arrays: no object per token, and a token's text is cut from
 * the content only when asked for. Large Python files hold hundreds of thousands of tokens, and
 * one object each was most of what a history scan allocated.
 */
class PyTokenStore {
    content = '';
    count = 0;
    kinds = new Uint8Array(0);
    /** 1-based line where each token starts. */
    lines = new Int32Array(0);
    /** Offset of each token's start (a string's prefix) and end in the content. */
    offsets = new Int32Array(0);
    ends = new Int32Array(0);
    /** Bracket depth before each token (an opening bracket has the outer depth). */
    depths = new Int32Array(0);
    /** Strings only: the body between the quotes (to the end of an unterminated one), and flags. */
    bodyStarts = new Int32Array(0);
    bodyEnds = new Int32Array(0);
    flags = new Uint8Array(0);
    get capacity() {
        return this.kinds.length;
    }
    /** Starts over on `content`, with room for about as many tokens as a Python text has. */
    reset(content) {
        this.content = content;
        this.count = 0;
        if (this.capacity === 0)
            this.grow(Math.max(64, content.length >> 2));
    }
    /** Appends a token; returns its index. */
    push(kind, line, offset, end, depth) {
        if (this.count === this.capacity)
            this.grow(this.capacity * 2);
        const index = this.count++;
        this.kinds[index] = kind;
        this.lines[index] = line;
        this.offsets[index] = offset;
        this.ends[index] = end;
        this.depths[index] = depth;
        this.flags[index] = 0;
        return index;
    }
    grow(capacity) {
        const grown = (array, make) => {
            const next = make(capacity);
            next.set(array.subarray(0, this.count));
            return next;
        };
        this.kinds = grown(this.kinds, (n) => new Uint8Array(n));
        this.lines = grown(this.lines, (n) => new Int32Array(n));
        this.offsets = grown(this.offsets, (n) => new Int32Array(n));
        this.ends = grown(this.ends, (n) => new Int32Array(n));
        this.depths = grown(this.depths, (n) => new Int32Array(n));
        this.bodyStarts = grown(this.bodyStarts, (n) => new Int32Array(n));
        this.bodyEnds = grown(this.bodyEnds, (n) => new Int32Array(n));
        this.flags = grown(this.flags, (n) => new Uint8Array(n));
    }
    /** Token `index`'s kind, or -1 when there is no such token (before the first, past the last). */
    kindAt(index) {
        return index >= 0 && index < this.count ? this.kinds[index] : -1;
    }
    kind(index) {
        return KIND_NAMES[this.kinds[index] ?? NEWLINE] ?? 'newline';
    }
    /** Source text for names, numbers and operators; the literal's decoded value for strings. */
    text(index) {
        const kind = this.kinds[index];
        if (kind === NEWLINE)
            return '\n';
        if (kind !== STRING)
            return this.content.slice(this.offsets[index], this.ends[index]);
        const body = this.content.slice(this.bodyStarts[index], this.bodyEnds[index]);
        return (this.flags[index] & RAW) !== 0 ? body : decodeEscapes(body);
    }
    /** Strings only: an f-string with a `{` replacement field is an expression, not a literal. */
    isExpression(index) {
        return this.kinds[index] === STRING && (this.flags[index] & EXPRESSION) !== 0;
    }
    /** Whether token `index` exists, is of `kind` and its source text is `text` (nothing is cut). */
    is(index, kind, text) {
        if (this.kindAt(index) !== kind)
            return false;
        const offset = this.offsets[index];
        return this.ends[index] - offset === text.length && this.content.startsWith(text, offset);
    }
    /** Token `index` as an object (for code that walks a few tokens). */
    token(index) {
        const token = {
            kind: this.kind(index),
            text: this.text(index),
            line: this.lines[index],
            offset: this.offsets[index],
            depth: this.depths[index],
        };
        if (this.isExpression(index))
            token.isExpression = true;
        return token;
    }
}
/**
 * `statementLines`, when given, receives every line (1-based, after the first) that starts at
 * bracket depth 0 outside any string or continuation: the tokenizer's state there is its initial
 * state, so tokenizing the text from such a line on gives the same tokens (history's version
 * delta re-tokenizes only from the statement before a change).
 */
function tokenizePython(content, statementLines) {
    const store = tokenizePythonInto(new PyTokenStore(), content, statementLines);
    const tokens = [];
    for (let index = 0; index < store.count; index++)
        tokens.push(store.token(index));
    return tokens;
}
/** `tokenizePython` into `store` (reset first; its arrays are reused), which is returned. */
function tokenizePythonInto(store, content, statementLines) {
    store.reset(content);
    const length = content.length;
    let i = 0;
    let line = 1;
    let depth = 0;
    const pushNewline = (offset) => {
        const last = store.count - 1;
        if (depth === 0 && last >= 0 && store.kinds[last] !== NEWLINE) {
            store.push(NEWLINE, line, offset, offset, depth);
        }
    };
    /** Reads a string starting at the quote at `start`; returns the end offset. */
    const readString = (prefixEnd, tokenStart, start) => {
        const quote = content[start] ?? '"';
        const triple = content[start + 1] === quote && content[start + 2] === quote;
        const startLine = line;
        const bodyStart = start + (triple ? 3 : 1);
        let j = bodyStart;
        let bodyEnd = -1;
        while (j < length) {
            const char = content[j];
            if (char === '\\') {
                const next = content[j + 1];
                if (next === '\n')
                    line++;
                else if (next === '\r') {
                    line++;
                    if (content[j + 2] === '\n')
                        j++;
                }
                j += 2;
                continue;
            }
            if (char === '\n' || char === '\r') {
                if (!triple)
                    break; // unterminated single-quoted string: stop at the line end
                if (char === '\r' && content[j + 1] === '\n')
                    j++;
                line++;
                j++;
                continue;
            }
            if (char === quote) {
                if (!triple) {
                    bodyEnd = j;
                    j++;
                    break;
                }
                if (content[j + 1] === quote && content[j + 2] === quote) {
                    bodyEnd = j;
                    j += 3;
                    break;
                }
            }
            j++;
        }
        const end = Math.min(j, length);
        const index = store.push(STRING, startLine, tokenStart, end, depth);
        store.bodyStarts[index] = bodyStart;
        store.bodyEnds[index] = bodyEnd === -1 ? end : bodyEnd;
        let raw = false;
        let formatted = false;
        for (let k = tokenStart; k < prefixEnd; k++) {
            const code = content.charCodeAt(k) | 32;
            if (code === 114)
                raw = true; // r
            else if (code === 102 || code === 116)
                formatted = true; // f, t
        }
        let flags = raw ? RAW : 0;
        if (formatted) {
            const rawBody = content.slice(bodyStart, store.bodyEnds[index]);
            if (/\{(?!\{)/.test(rawBody.replace(/\{\{/g, '')))
                flags |= EXPRESSION;
        }
        store.flags[index] = flags;
        return end;
    };
    while (i < length) {
        const code = content.charCodeAt(i);
        if (code === 10 || code === 13) {
            pushNewline(i);
            if (code === 13 && content.charCodeAt(i + 1) === 10)
                i++;
            line++;
            i++;
            if (depth === 0 && statementLines)
                statementLines.push(line);
            continue;
        }
        if (code === 32 || code === 9 || code === 12) {
            i++;
            continue;
        }
        if (code === 35) {
            // Comment: skip to the line end (the newline itself is handled above).
            while (i < length && content.charCodeAt(i) !== 10 && content.charCodeAt(i) !== 13)
                i++;
            continue;
        }
        if (code === 92) {
            // Explicit line continuation.
            const next = content.charCodeAt(i + 1);
            if (next === 13 && content.charCodeAt(i + 2) === 10)
                i += 3;
            else
                i += next === 10 || next === 13 ? 2 : 1;
            if (next === 10 || next === 13)
                line++;
            continue;
        }
        if (code === 34 || code === 39) {
            i = readString(i, i, i);
            continue;
        }
        if (isNameStart(code)) {
            let j = i + 1;
            while (j < length && isNamePart(content.charCodeAt(j)))
                j++;
            const after = content.charCodeAt(j);
            if ((after === 34 || after === 39) && j - i <= 2 && isStringPrefix(content, i, j)) {
                i = readString(j, i, j);
                continue;
            }
            store.push(NAME, line, i, j, depth);
            i = j;
            continue;
        }
        if (code >= 48 && code <= 57) {
            let j = i + 1;
            while (j < length && (isNamePart(content.charCodeAt(j)) || content.charCodeAt(j) === 46))
                j++;
            store.push(NUMBER, line, i, j, depth);
            i = j;
            continue;
        }
        if (code === 40 || code === 91 || code === 123) {
            // ( [ {
            store.push(OP, line, i, i + 1, depth);
            depth++;
            i++;
            continue;
        }
        if (code === 41 || code === 93 || code === 125) {
            // ) ] }
            depth = Math.max(0, depth - 1);
            store.push(OP, line, i, i + 1, depth);
            i++;
            continue;
        }
        if (isTwoCharOp(code, content.charCodeAt(i + 1))) {
            store.push(OP, line, i, i + 2, depth);
            i += 2;
            continue;
        }
        // One UTF-16 unit, as `content[i]` was: an astral character's halves are two operators.
        store.push(OP, line, i, i + 1, depth);
        i++;
    }
    pushNewline(length);
    return store;
}
/** Whether `content[from, to)` (one or two characters) is a string prefix, in any case. */
function isStringPrefix(content, from, to) {
    return STRING_PREFIXES.has(content.slice(from, to).toLowerCase());
}

;// CONCATENATED MODULE: ./src/dotenv/python-text.ts
/** Python's string primitives as the Python dialects (python-dotenv, django-environ, python-decouple) see text. */
// Characters as each implementation classifies them.
/** Python's `str.isspace()`, which is also `\s` in a `str` regular expression. */
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** Python's `\s` without `\r` and `\n` (python-dotenv's `[^\S\r\n]`). */
const PY_BLANK = '\\t\\v\\f\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_SPACE_CHAR = new RegExp(`[${PY_SPACE}]`);
const isPySpace = (ch) => ch !== undefined && PY_SPACE_CHAR.test(ch);
// The strips and searches below are loops, not regular expressions: a backtracking `\s+$` or
// `\s+#` takes quadratic time on a long run of spaces, and the files come from the repository
// under scan.
/** Python's `str.strip()` / `str.rstrip()`. */
function pyStrip(text) {
    let start = 0;
    while (isPySpace(text[start]))
        start += 1;
    return pyRstrip(text.slice(start));
}
function pyRstrip(text) {
    let end = text.length;
    while (end > 0 && isPySpace(text[end - 1]))
        end -= 1;
    return text.slice(0, end);
}
/** `open(path)` in text mode: universal newlines turn `\r\n` and `\r` into `\n`. */
function pythonTextMode(text) {
    return text.replace(/\r\n?/g, '\n');
}
/** Python's `str.splitlines()` boundaries. */
// eslint-disable-next-line no-control-regex -- \x1c-\x1e are line boundaries to Python.
const PY_LINE_BREAK = /\r\n|[\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029]/;
/** 1-based line of an offset, counting python-dotenv's line breaks (`\r\n`, `\n`, `\r`). */
function lineCounter(text) {
    const starts = [0];
    for (const match of text.matchAll(/\r\n|\n|\r/g))
        starts.push(match.index + match[0].length);
    return (offset) => {
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (starts[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return lo + 1;
    };
}

;// CONCATENATED MODULE: ./src/dotenv/django-environ.ts

// django-environ 0.12 (environ/environ.py, Env.read_env).
const ENVIRON_LINE = /^(?:export )?([A-Za-z_0-9]+)=([\s\S]*)$/;
const ENVIRON_SINGLE_QUOTED = /^'([\s\S]*)'$/;
const ENVIRON_DOUBLE_QUOTED = /^"([\s\S]*)"$/;
/**
 * `\A\s*'(.*)'\s*(#.*\s*)?\Z`: the text between the first quote and the LAST quote that only
 * blanks and a comment follow; undefined when there is none. A loop, for the reason above.
 */
function environCommentedSingle(value) {
    let open = 0;
    while (isPySpace(value[open]))
        open += 1;
    if (value[open] !== "'")
        return undefined;
    // tailOk: from i + 1 on, blanks then the end or a `#`.
    let tailOk = true;
    for (let i = value.length - 1; i > open; i--) {
        if (value[i] === "'" && tailOk)
            return value.slice(open + 1, i);
        tailOk = value[i] === '#' || (isPySpace(value[i]) && tailOk);
    }
    return undefined;
}
const ENVIRON_COMMENT = /^([\s\S]*?)(#[\s\S]*)?$/;
function parseDjangoEnviron(text, parseComments) {
    const entries = [];
    const invalidLines = [];
    // `content.splitlines()`; a final line break does not start another line.
    const lines = pythonTextMode(text).split(PY_LINE_BREAK);
    if (lines.at(-1) === '')
        lines.pop();
    lines.forEach((line, index) => {
        const match = ENVIRON_LINE.exec(line);
        if (!match) {
            if (line !== '' && !line.startsWith('#'))
                invalidLines.push(index + 1);
            return;
        }
        let value = match[2];
        if (!parseComments) {
            const single = ENVIRON_SINGLE_QUOTED.exec(value);
            if (single)
                value = single[1];
        }
        else {
            const single = environCommentedSingle(value);
            if (single !== undefined)
                value = single;
            else
                value = ENVIRON_COMMENT.exec(value)?.[1] ?? value;
        }
        const double = ENVIRON_DOUBLE_QUOTED.exec(value);
        // Escapes are undone, except \n, \r and \t, which stay escaped.
        if (double)
            value = double[1].replace(/\\([\s\S])/g, (_m, ch) => 'rnt'.includes(ch) ? `\\${ch}` : ch);
        entries.push({ key: match[1], value, line: index + 1 });
    });
    return { entries, invalidLines };
}

;// CONCATENATED MODULE: ./src/dotenv/docker-compose.ts

// docker compose 2.40: compose-go 2.9 dotenv/parser.go and template/template.go.
/** Go's `unicode.IsSpace`. */
const GO_SPACE = /^[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u;
/** compose-go's `isSpace`: a space that is not a line break. */
const isComposeBlank = (ch) => /^[\t\v\f\r \x85\xa0]$/.test(ch);
const isGoSpace = (ch) => GO_SPACE.test(ch);
class ComposeError extends Error {
}
/** Go's `strings.TrimLeftFunc` / `TrimRightFunc` over code points. */
function trimLeft(text, test) {
    let i = 0;
    for (const ch of text) {
        if (!test(ch))
            break;
        i += ch.length;
    }
    return text.slice(i);
}
function trimRight(text, test) {
    const chars = [...text];
    while (chars.length > 0 && test(chars.at(-1)))
        chars.pop();
    return chars.join('');
}
const COMPOSE_ESCAPE = /\\(?:[abcfnrtv$"\\]|0\d{0,3})/g;
const GO_SIMPLE_ESCAPES = {
    a: '\x07',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
    v: '\v',
    '\\': '\\',
    '"': '"',
};
/** compose-go's `expandEscapes`: the escapes Go's `strconv.UnquoteChar` reads, `\$` as `$$`. */
function expandComposeEscapes(text) {
    return text.replace(COMPOSE_ESCAPE, (match) => {
        if (match === '\\$')
            return '$$';
        const escape = match.startsWith('\\0') ? `\\${match.slice(2)}` : match;
        const simple = GO_SIMPLE_ESCAPES[escape.slice(1)];
        if (simple !== undefined && escape.length === 2)
            return simple;
        // Octal: exactly three digits, at most \377.
        if (/^\\[0-7]{3}$/.test(escape)) {
            const code = parseInt(escape.slice(1), 8);
            if (code <= 0xff)
                return String.fromCharCode(code);
        }
        return match;
    });
}
/** A name in a compose template (compose-go matches `[_a-z][_a-z0-9]*` case-insensitively). */
const docker_compose_isNameStart = (ch) => ch !== undefined && /[_a-zA-Z]/.test(ch);
const isNameChar = (ch) => ch !== undefined && /[_a-zA-Z0-9]/.test(ch);
/** Nested `${a:-${b:-…}}` deeper than this is an error here (compose-go would recurse on). */
const MAX_TEMPLATE_DEPTH = 100;
/**
 * compose-go's template substitution (template.go), as a scan rather than its regular expression
 * `\$(?i:(\$)|([_a-z][_a-z0-9]*)|{(?:([_a-z][_a-z0-9]*(?::?[-+?](.*))?)}|()))`, whose greedy
 * `(.*)}` would backtrack quadratically here (Go's engine does not backtrack):
 * - `$$` is `$`; `$name` and `${name}` are the variable (empty when unset);
 * - `${name<sep>word}` with a modifier runs to the LAST `}` of the line; the modifier applies up
 *   to the `}` that closes the first `{`, and the text after it is substituted on its own;
 * - any other `${` is an invalid template; `$` before anything else stays.
 */
function substitute(template, mapping, depth = 0) {
    if (depth > MAX_TEMPLATE_DEPTH)
        throw new ComposeError('template nested too deeply');
    let out = '';
    let position = 0;
    for (;;) {
        const at = template.indexOf('$', position);
        if (at === -1)
            return out + template.slice(position);
        out += template.slice(position, at);
        const next = template[at + 1];
        if (next === '$') {
            out += '$';
            position = at + 2;
            continue;
        }
        if (docker_compose_isNameStart(next)) {
            let end = at + 2;
            while (isNameChar(template[end]))
                end += 1;
            out += mapping(template.slice(at + 1, end)) ?? '';
            position = end;
            continue;
        }
        if (next !== '{') {
            out += '$';
            position = at + 1;
            continue;
        }
        const braced = matchBraced(template, at);
        if (!braced)
            throw new ComposeError(`Invalid template: "\${"`);
        if (braced.modifier === undefined) {
            out += mapping(braced.name) ?? '';
            position = braced.end;
            continue;
        }
        // The modifier covers the text up to the brace closing the first `{`; the rest of the match
        // is substituted as it comes, which is what compose-go's recursion on it amounts to.
        const whole = template.slice(at, braced.end);
        const close = firstBraceClosingIndex(whole);
        const cut = close > -1 ? close + 1 : whole.length;
        const substitution = whole.slice(2, cut - 1);
        out += applyModifier(substitution, braced.modifier, mapping, depth);
        position = at + cut;
    }
}
/** `${name}` or `${name<sep>…}` at `at`, as the regular expression would match it. */
function matchBraced(template, at) {
    let k = at + 2;
    if (!docker_compose_isNameStart(template[k]))
        return undefined;
    while (isNameChar(template[k]))
        k += 1;
    const name = template.slice(at + 2, k);
    const lineEnd = template.indexOf('\n', k) === -1 ? template.length : template.indexOf('\n', k);
    const lastBrace = template.lastIndexOf('}', lineEnd - 1);
    const colon = template[k] === ':' ? 1 : 0;
    const sign = template[k + colon];
    if (sign === '-' || sign === '+' || sign === '?') {
        // `[^\n]*}`: the last `}` before the end of the line, after the modifier.
        if (lastBrace >= k + colon + 1)
            return { name, modifier: colon ? `:${sign}` : sign, end: lastBrace + 1 };
    }
    if (template[k] === '}')
        return { name, modifier: undefined, end: k + 1 };
    return undefined;
}
/** Index of the `}` that closes the first `{` (compose-go's `getFirstBraceClosingIndex`). */
function firstBraceClosingIndex(text) {
    let open = 0;
    for (let i = 0; i < text.length; i++) {
        if (text[i] === '}') {
            open -= 1;
            if (open === 0)
                return i;
        }
        if (text[i] === '{') {
            open += 1;
            i += 1;
        }
    }
    return -1;
}
function partition(text, separator) {
    const at = text.indexOf(separator);
    return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}
/** `${name<separator>word}`. */
function applyModifier(substitution, separator, mapping, depth) {
    const [name, rawWord] = partition(substitution, separator);
    const word = substitute(rawWord, mapping, depth + 1);
    const value = mapping(name);
    switch (separator) {
        case ':?':
        case '?':
            if (value === undefined || (separator === ':?' && value === ''))
                throw new ComposeError(`required variable ${name} is missing a value${word ? `: ${word}` : ''}`);
            return value;
        case ':-':
        case '-':
            return value === undefined || (separator === ':-' && value === '') ? word : value;
        case ':+':
        case '+':
            return value !== undefined && (separator === '+' || value !== '') ? word : (value ?? '');
    }
}
function parseCompose(text, environment) {
    const source = text.replace(/^\uFEFF/, '');
    const lineAt = lineCounter(source);
    const out = new Map();
    const entries = [];
    // Variables: the project environment first, then what the file set so far.
    const mapping = (name) => environment(name) ?? out.get(name);
    let line = 1;
    let cut = source;
    const offsetOf = (rest) => source.length - rest.length;
    try {
        for (;;) {
            cut = statementStart(cut, (n) => (line += n));
            if (cut === '')
                break;
            const keyLine = lineAt(offsetOf(cut));
            const located = locateKeyName(cut, line);
            line = located.line;
            const { key } = located;
            if (key.includes(' '))
                throw new ComposeError(`line ${line}: key cannot contain a space`);
            if (located.inherited) {
                const value = environment(key);
                if (value !== undefined) {
                    out.set(key, value);
                    entries.push({ key, value, line: keyLine });
                }
                cut = located.rest;
                continue;
            }
            const extracted = extractVarValue(located.rest, line, mapping);
            line = extracted.line;
            out.set(key, extracted.value);
            entries.push({ key, value: extracted.value, line: keyLine });
            cut = extracted.rest;
        }
    }
    catch (error) {
        if (!(error instanceof ComposeError))
            throw error;
        return { entries: [], invalidLines: [line], error: error.message };
    }
    return { entries, invalidLines: [] };
}
/** Skips blanks and `#` comment lines (compose-go's `getStatementStart`), counting line breaks. */
function statementStart(text, countLines) {
    let rest = text;
    for (;;) {
        let i = 0;
        for (const ch of rest) {
            if (!isGoSpace(ch))
                break;
            if (ch === '\n')
                countLines(1);
            i += ch.length;
        }
        if (i >= rest.length)
            return '';
        rest = rest.slice(i);
        if (rest[0] !== '#')
            return rest;
        const newline = rest.indexOf('\n');
        if (newline === -1)
            return '';
        rest = rest.slice(newline);
    }
}
function locateKeyName(text, line) {
    let src = text;
    if (/^export[\t\n\f\r ]+/.test(src))
        src = trimLeft(src.slice('export'.length), isComposeBlank);
    let key = '';
    let offset = 0;
    let inherited = false;
    let index = 0;
    for (const ch of src) {
        const at = index;
        index += ch.length;
        if (isComposeBlank(ch))
            continue;
        if (ch === '=' || ch === ':' || ch === '\n') {
            key = src.slice(0, at);
            offset = at + 1;
            inherited = ch === '\n';
            break;
        }
        if ('_.-[]'.includes(ch) || /^[\p{L}\p{N}]$/u.test(ch))
            continue;
        throw new ComposeError(`line ${line}: unexpected character "${ch}" in variable name "${src.split('\n')[0]}"`);
    }
    if (src === '')
        throw new ComposeError('zero length string');
    let next = line;
    if (inherited && !key.includes(' '))
        next += 1;
    key = trimRight(key, isGoSpace);
    return { key, rest: trimLeft(src.slice(offset), isComposeBlank), inherited, line: next };
}
function extractVarValue(text, line, mapping) {
    const quote = text[0];
    if (quote !== '"' && quote !== "'") {
        const newline = text.indexOf('\n');
        let value = newline === -1 ? text : text.slice(0, newline);
        const rest = newline === -1 ? '' : text.slice(newline + 1);
        const comment = value.indexOf(' #');
        if (comment !== -1)
            value = value.slice(0, comment);
        value = trimRight(value, isGoSpace);
        return { value: substitute(value, mapping), rest, line: line + 1 };
    }
    let current = line;
    let previousIsEscape = false;
    let chars = '';
    for (let i = 1; i < text.length; i++) {
        const char = text[i];
        if (char === '\n')
            current += 1;
        if (char !== quote) {
            if (!previousIsEscape && char === '\\') {
                previousIsEscape = true;
                continue;
            }
            if (previousIsEscape) {
                previousIsEscape = false;
                chars += '\\';
            }
            chars += char;
            continue;
        }
        if (previousIsEscape) {
            previousIsEscape = false;
            chars += char;
            continue;
        }
        const value = quote === '"' ? substitute(expandComposeEscapes(chars), mapping) : chars;
        return { value, rest: text.slice(i + 1), line: current };
    }
    const end = text.indexOf('\n');
    throw new ComposeError(`line ${current}: unterminated quoted value ${end === -1 ? text : text.slice(0, end)}`);
}

;// CONCATENATED MODULE: ./src/core/python-escapes.ts
/** Python's single-character string escapes (`\n`, `\t`, `\'`, …) and what they stand for. */
const PYTHON_SIMPLE_ESCAPES = {
    '\\': '\\',
    "'": "'",
    '"': '"',
    a: '\x07',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
    v: '\v',
};

;// CONCATENATED MODULE: ./src/dotenv/python-dotenv.ts


// python-dotenv 1.2 (dotenv/parser.py, dotenv/variables.py, dotenv/main.py).
const sticky = (source) => new RegExp(source, 'y');
const PD = {
    multilineWhitespace: sticky(`[${PY_SPACE}]*`),
    whitespace: sticky(`[${PY_BLANK}]*`),
    export: sticky(`(?:export[${PY_BLANK}]+)?`),
    singleQuotedKey: sticky(`'([^']+)'`),
    unquotedKey: sticky(`([^=#${PY_SPACE}]+)`),
    equalSign: sticky(`(=[${PY_BLANK}]*)`),
    singleQuotedValue: sticky(`'((?:\\\\'|[^'])*)'`),
    doubleQuotedValue: sticky(`"((?:\\\\"|[^"])*)"`),
    unquotedValue: sticky(`([^\\r\\n]*)`),
    comment: sticky(`(?:[${PY_BLANK}]*#[^\\r\\n]*)?`),
    endOfLine: sticky(`[${PY_BLANK}]*(?:\\r\\n|\\n|\\r|$(?![\\s\\S]))`),
    restOfLine: sticky(`[^\\r\\n]*(?:\\r|\\n|\\r\\n)?`),
};
const DOUBLE_QUOTE_ESCAPES = /\\[\\'"abfnrtv]/g;
const SINGLE_QUOTE_ESCAPES = /\\[\\']/g;
/** `re.sub(r"\s+#.*", "", part)`: cut at the blanks before the first `#` that follows a blank. */
function cutUnquotedComment(part) {
    for (let i = 1; i < part.length; i++) {
        if (part[i] !== '#' || !isPySpace(part[i - 1]))
            continue;
        let start = i - 1;
        while (start > 0 && isPySpace(part[start - 1]))
            start -= 1;
        return part.slice(0, start);
    }
    return part;
}
class ParseFailure extends Error {
}
/** python-dotenv's `Reader`: a position in the text and regular expressions read at it. */
class Reader {
    text;
    position = 0;
    constructor(text) {
        this.text = text;
    }
    hasNext() {
        return this.position < this.text.length;
    }
    peek(count) {
        return this.text.slice(this.position, this.position + count);
    }
    read(regex) {
        regex.lastIndex = this.position;
        const match = regex.exec(this.text);
        if (!match)
            throw new ParseFailure();
        this.position += match[0].length;
        return match.slice(1).map((group) => group ?? '');
    }
}
function parseKey(reader) {
    const char = reader.peek(1);
    if (char === '#')
        return undefined;
    return reader.read(char === "'" ? PD.singleQuotedKey : PD.unquotedKey)[0];
}
function parseValue(reader) {
    const char = reader.peek(1);
    if (char === "'") {
        const [value = ''] = reader.read(PD.singleQuotedValue);
        return value.replace(SINGLE_QUOTE_ESCAPES, (m) => PYTHON_SIMPLE_ESCAPES[m[1]]);
    }
    if (char === '"') {
        const [value = ''] = reader.read(PD.doubleQuotedValue);
        return value.replace(DOUBLE_QUOTE_ESCAPES, (m) => PYTHON_SIMPLE_ESCAPES[m[1]]);
    }
    if (char === '' || char === '\n' || char === '\r')
        return '';
    const [part = ''] = reader.read(PD.unquotedValue);
    return pyRstrip(cutUnquotedComment(part));
}
function parseBinding(reader, lineAt) {
    const start = reader.position;
    const startLine = lineAt(start);
    try {
        reader.read(PD.multilineWhitespace);
        if (!reader.hasNext())
            return { key: undefined, value: undefined, line: startLine, error: false, startLine };
        const line = lineAt(reader.position);
        reader.read(PD.export);
        const key = parseKey(reader);
        reader.read(PD.whitespace);
        let value;
        if (reader.peek(1) === '=') {
            reader.read(PD.equalSign);
            value = parseValue(reader);
        }
        reader.read(PD.comment);
        reader.read(PD.endOfLine);
        return { key, value, line, error: false, startLine };
    }
    catch (error) {
        if (!(error instanceof ParseFailure))
            throw error;
        reader.read(PD.restOfLine);
        return { key: undefined, value: undefined, line: startLine, error: true, startLine };
    }
}
function pythonDotenvBindings(text) {
    const reader = new Reader(text);
    const lineAt = lineCounter(text);
    const bindings = [];
    while (reader.hasNext())
        bindings.push(parseBinding(reader, lineAt));
    return bindings;
}
/**
 * python-dotenv's `\$\{(?P<name>[^\}:]*)(?::-(?P<default>[^\}]*))?\}` over a value: `${name}` and
 * `${name:-default}`, the only forms it expands, found without backtracking.
 */
function expandPosixVariables(value, resolve) {
    let out = '';
    let position = 0;
    for (;;) {
        const start = value.indexOf('${', position);
        if (start === -1)
            return out + value.slice(position);
        out += value.slice(position, start);
        let end = start + 2;
        while (end < value.length && value[end] !== '}' && value[end] !== ':')
            end += 1;
        const name = value.slice(start + 2, end);
        let close = -1;
        let fallback;
        if (value[end] === '}')
            close = end;
        else if (value[end] === ':' && value[end + 1] === '-') {
            close = value.indexOf('}', end + 2);
            if (close !== -1)
                fallback = value.slice(end + 2, close);
        }
        if (close === -1) {
            out += '$';
            position = start + 1;
            continue;
        }
        out += resolve(name, fallback);
        position = close + 1;
    }
}
function parsePythonDotenv(text, options) {
    const bindings = pythonDotenvBindings(pythonTextMode(text));
    const invalidLines = bindings.filter((b) => b.error).map((b) => b.startLine);
    const raw = bindings.filter((b) => b.key !== undefined);
    if (options.interpolate === false) {
        return { entries: raw.map(({ key, value, line }) => ({ key, value, line })), invalidLines };
    }
    const environment = options.environment ?? (() => undefined);
    const override = options.override ?? true;
    // The values resolved so far: None (undefined) counts as present, as in the library.
    const resolved = new Map();
    const lookup = (name) => {
        const outside = environment(name);
        if (override) {
            if (resolved.has(name))
                return { found: true, value: resolved.get(name) };
            return { found: outside !== undefined, value: outside };
        }
        if (outside !== undefined)
            return { found: true, value: outside };
        return { found: resolved.has(name), value: resolved.get(name) };
    };
    const entries = raw.map(({ key, value, line }) => {
        const result = value === undefined
            ? undefined
            : expandPosixVariables(value, (name, fallback) => {
                const { found, value: got } = lookup(name);
                return (found ? got : fallback) ?? '';
            });
        resolved.set(key, result);
        return { key, value: result, line };
    });
    return { entries, invalidLines };
}

;// CONCATENATED MODULE: ./src/dotenv/env-options.ts


// The inputs: python-dotenv's syntax, values as written, strict.
function parseInputs(text) {
    const normalised = pythonTextMode(text);
    const entries = [];
    const invalidLines = [];
    for (const binding of pythonDotenvBindings(normalised)) {
        if (binding.error)
            invalidLines.push(binding.startLine);
        else if (binding.key !== undefined && binding.value === undefined)
            invalidLines.push(binding.line);
        else if (binding.key !== undefined)
            entries.push({ key: binding.key, value: binding.value, line: binding.line });
    }
    return { entries, invalidLines };
}

;// CONCATENATED MODULE: ./src/dotenv/python-decouple.ts

// python-decouple 3.6 (decouple.py, RepositoryEnv).
function parseDecouple(text) {
    const entries = [];
    pythonTextMode(text)
        .split('\n')
        .forEach((raw, index) => {
        const line = pyStrip(raw);
        if (line === '' || line.startsWith('#') || !line.includes('='))
            return;
        const eq = line.indexOf('=');
        const key = pyStrip(line.slice(0, eq));
        let value = pyStrip(line.slice(eq + 1));
        if (value.length >= 2 &&
            ((value.startsWith("'") && value.endsWith("'")) ||
                (value.startsWith('"') && value.endsWith('"'))))
            value = value.slice(1, -1);
        entries.push({ key, value, line: index + 1 });
    });
    return { entries, invalidLines: [] };
}

;// CONCATENATED MODULE: ./src/dotenv/index.ts





/**
 * `.env` text, read the way each program that reads it does. The same file means different
 * things to different readers (`SECURE_SSL_REDIRECT=True # on` is `True` to python-dotenv and
 * docker compose, `True # on` to django-environ's `read_env`), so every caller names its
 * dialect instead of getting a general-purpose guess:
 *
 * - `python-dotenv`: python-dotenv 1.2 (`load_dotenv`, `dotenv_values`): quotes, escapes,
 *   multi-line quoted values, ` #` comments, `export`, `${VAR}` / `${VAR:-default}`.
 * - `django-environ`: django-environ 0.12 `Env.read_env`, line by line, with or without
 *   `parse_comments`.
 * - `python-decouple`: python-decouple 3.6 `RepositoryEnv` (`.env` next to the settings).
 * - `docker-compose`: docker compose 2.40 `env_file:` (compose-go 2.9 dotenv): compose
 *   interpolation (`$VAR`, `${VAR:-d}`, `${VAR:?err}`, `$$`), `KEY: value`, and a file it
 *   cannot read fails as a whole.
 * - `inputs`: the action's `env` / `env-file` inputs and the CLI's `--env` / `--env-from-file`:
 *   python-dotenv's syntax, no interpolation (a value is what the user wrote), and a line
 *   python-dotenv would skip (or a key without `=`) is an error naming the line.
 *
 * Each dialect is a port of the library's own parser, checked against the real library
 * (Debian's python3-dotenv, python3-django-environ, python3-decouple, docker-compose) by a
 * differential test over generated files (test/dotenv/dotenv-oracle.test.ts).
 */
function parseDotenv(text, dialect, options = {}) {
    switch (dialect) {
        case 'python-dotenv':
            return parsePythonDotenv(text, options);
        case 'django-environ':
            return parseDjangoEnviron(text, options.parseComments ?? false);
        case 'python-decouple':
            return parseDecouple(text);
        case 'docker-compose':
            return parseCompose(text, options.environment ?? (() => undefined));
        case 'inputs':
            return parseInputs(text);
    }
}
/** The value each key ends with (the last assignment wins); keys without a value left out. */
function dotenvValues(parse) {
    const values = new Map();
    for (const { key, value } of parse.entries) {
        if (value === undefined)
            values.delete(key);
        else
            values.set(key, value);
    }
    return values;
}
/**
 * The `inputs` dialect as the action inputs and CLI flags use it: the pairs, and the lines that
 * are not `KEY=VALUE` so the caller can reject them with a clear message.
 */
function parseEnvAssignments(text) {
    const parsed = parseDotenv(text, 'inputs');
    return {
        values: Object.fromEntries(dotenvValues(parsed)),
        invalidLines: parsed.invalidLines,
    };
}

;// CONCATENATED MODULE: ./src/secrets/dotenv-files.ts


/**
 * Which paths are dotenv files, which of those are templates, and their entries.
 * Paths: `.env`, `.env.*`, `.env-*`, `*.env`, `*.env.*`, anything under `.envs/`
 * (cookiecutter-django's layout).
 */
/** Extensions that make a `.env.*` name a source file rather than an env file. */
const NOT_ENV_EXTENSIONS = /\.(py|pyc|js|mjs|cjs|ts|tsx|jsx|json|md|rst|html|j2|jinja2?|sh|ps1|bat|vault|gpg|age|enc|lock|sample\.py)$/;
function isDotenvPath(path) {
    const base = baseNameOf(path);
    const underEnvs = /(^|\/)\.envs\//i.test(path);
    if (underEnvs)
        return true;
    if (NOT_ENV_EXTENSIONS.test(base))
        return false;
    return (base === '.env' ||
        base.startsWith('.env.') ||
        base.startsWith('.env-') ||
        base.startsWith('.env_') ||
        base.endsWith('.env') ||
        /^[^.][\w-]*\.env\.[\w-]+$/.test(base));
}
/**
 * `.env.example`, `.env-template`, `.env.sample`, `.env.dist`, `*.example`, `example.env`,
 * `app.env.tmpl`, …: files meant to hold placeholders, judged by their content.
 */
function isDotenvTemplatePath(path) {
    const base = baseNameOf(path);
    return /(^|[._-])(examples?|samples?|templates?|tpl|tmpl|dist|defaults?|skel)([._-]|$)/.test(base);
}
/**
 * The entries of a dotenv file as python-dotenv reads them (src/dotenv/): quotes, escapes,
 * multi-line quoted values read whole, ` #` comments, `export`; lines it cannot parse and keys
 * without a value are skipped. Values are not interpolated: `${VAR}` is a reference, not a secret.
 * python-dotenv (and docker compose) read `TOKEN= # none yet` as the value `# none yet`; a person
 * wrote a comment there, not a secret, so a value that is `#` then a blank is left out too
 * (`#a(b)c`, which a Django key may be, stays).
 */
function dotenvFileEntries(content) {
    return parseDotenv(content, 'python-dotenv', { interpolate: false }).entries.flatMap(({ key, value, line }) => value === undefined || /^#(\s|$)/.test(value) ? [] : [{ key, value, line }]);
}

;// CONCATENATED MODULE: ./src/secrets/path-context.ts

/**
 * What a repository path says about the secrets in it: test code and fixtures, CI configuration,
 * documentation, committed third-party code, Django settings. Pure functions of the
 * repository-relative path (`/` separators), so the tree scan, the history scan and the settings
 * rules classify a path the same way.
 */
/** Directories of installed third-party code: virtualenvs and package managers' trees. */
const VENDORED_DIR = /(^|\/)(site-packages|dist-packages|node_modules|bower_components|jspm_packages|\.?venv|\.?virtualenv|\.tox|\.nox|__pypackages__)\//i;
/** `env/lib/python3.11/…`, `myenv/Lib/site-packages/…`: a virtualenv under any name. */
const VENV_LIB = /(^|\/)lib\/python[23](\.\d+)?\//i;
/**
 * Committed third-party code: virtualenvs and vendored packages (`site-packages/`, `venv/`,
 * `.venv/`, `env/lib/python*`, `node_modules/`, …). Its test keys and examples are the library's,
 * not the project's: the tree scan skips these paths (with one note), and so should any other scan
 * that walks files (history: apply this predicate to each path before scanning its blob).
 */
function isVendoredPath(path) {
    return VENDORED_DIR.test(path) || VENV_LIB.test(path);
}
/** A path segment that is a template expression: `{{cookiecutter.project_slug}}`, `{{ name }}`. */
const TEMPLATE_SEGMENT = /(^|\/)[^/]*(\{\{[^/]*\}\}|\{%[^/]*%\})[^/]*\//;
/**
 * A file inside a project template (cookiecutter, copier, django-admin startproject templates):
 * a directory name is a template expression. Its placeholders are what the generator replaces
 * when it renders a project, not values anything runs with.
 */
function isProjectTemplatePath(path) {
    return TEMPLATE_SEGMENT.test(path);
}
/** CI configuration file names, wherever they sit (a backend in a subdirectory has its own). */
const CI_FILE = /^(circle\.ya?ml|\.travis\.ya?ml|\.gitlab-ci\.ya?ml|bitbucket-pipelines\.ya?ml|azure-pipelines\.ya?ml|appveyor\.ya?ml|\.appveyor\.ya?ml|\.drone\.ya?ml|\.woodpecker\.ya?ml|cloudbuild\.ya?ml|buildspec\.ya?ml|codefresh\.ya?ml|wercker\.ya?ml|jenkinsfile(\.[\w-]+)?|tox\.ini|pytest\.ini|noxfile\.py)$/;
const CI_DIR = /(^|\/)(\.github\/workflows|\.circleci|\.buildkite|\.woodpecker|\.gitlab\/ci)\//;
/**
 * CI configuration: `.github/workflows/*`, `.circleci/`, `circle.yml`, `.travis.yml`,
 * `.gitlab-ci.yml`, `bitbucket-pipelines.yml`, `Jenkinsfile`, `tox.ini`, … at any depth. The
 * credentials there usually only let the test suite start (a throwaway database, a dummy key).
 */
function isCiPath(path) {
    return CI_DIR.test(path) || CI_FILE.test(baseNameOf(path));
}
const TEST_DIRS = new Set([
    'tests',
    'test',
    'testing',
    'fixtures',
    'fixture',
    'testdata',
    'test_data',
    'test-data',
    '__tests__',
    '__mocks__',
    'spec',
    'specs',
    'e2e',
    // Storybook stories render components with made-up props, as fixtures do.
    'storybook',
    '.storybook',
]);
/**
 * Test code and fixtures: files under `tests/`, `test/`, `fixtures/`, `__tests__/`…, `test_*.py`,
 * `*_test.py`, `tests.py`, `conftest.py`, test settings (`settings/test.py`, `test_settings.py`,
 * `testing.py`), `.env.test`, `*.test.js`, `*.spec.ts`, and Storybook stories (`storybook/`,
 * `*.stories.tsx`).
 */
function isTestPath(path) {
    const segments = path.toLowerCase().split('/');
    const base = segments[segments.length - 1] ?? '';
    if (segments.slice(0, -1).some((dir) => TEST_DIRS.has(dir)))
        return true;
    if (base.endsWith('.py')) {
        return base.startsWith('test') || /_tests?\.py$/.test(base) || base === 'conftest.py';
    }
    return (/(^|[._-])(tests?|testing|spec)([._-]|$)/.test(base) ||
        /\.(stories|story)\.(js|jsx|mjs|ts|tsx|mdx|vue|svelte)$/.test(base));
}
/**
 * Documentation, by content type wherever it sits: Markdown, reStructuredText, AsciiDoc and text
 * pages (`install/upgrading.md` at the top is as much a doc as `docs/x.md`), README/CHANGELOG
 * files, and anything under `docs/` or `doc/` (mkdocs and Sphinx trees). Notebooks are code.
 */
function isDocsPath(path) {
    const lower = path.toLowerCase();
    if (/(^|\/)docs?\//.test(lower))
        return true;
    const base = baseNameOf(lower);
    return /\.(md|markdown|mdx|rst|adoc|asciidoc|txt|textile)$/.test(base) &&
        !/^requirements/.test(base)
        ? true
        : /^(readme|changelog|changes|history|contributing)(\.|$)/.test(base);
}
/** Directories of UI translation catalogues. */
const TRANSLATION_DIR = /(^|\/)(i18n|l10n|locales?|langs?|translations?)\//i;
/** Catalogue formats: key-to-text maps (JSON, YAML, JS/TS modules, properties, ARB, Fluent). */
const TRANSLATION_FILE = /\.(json|ya?ml|js|mjs|cjs|ts|properties|arb|ftl|strings|po|xliff|xlf)$/i;
/**
 * A translation catalogue: a key-to-text map under `i18n/`, `locale/`, `locales/`, `lang/`,
 * `translations/` (`src/i18n/languages/es/dict.json`). Its `"password": "Contraseña"` is the
 * label a form shows in one language, never a credential.
 */
function isTranslationPath(path) {
    return TRANSLATION_DIR.test(path) && TRANSLATION_FILE.test(baseNameOf(path));
}
/**
 * A Python file that holds Django (or pydantic/django-cfg) settings by its name: `settings.py`,
 * `settings/*.py`, `*_settings.py`, `settings_*.py`, `config.py`, `conf.py`, `config/settings/*`.
 * Lower-case names such as `secret_key` are credentials here; in application code they are
 * variables.
 */
function isSettingsShapedPath(path) {
    const lower = path.toLowerCase();
    if (!/\.pyw?$/.test(lower))
        return false;
    if (/(^|\/)(settings|config|conf|configs)\//.test(lower))
        return true;
    const base = baseNameOf(lower).replace(/\.pyw?$/, '');
    return /(^|_)settings($|_)/.test(base) || /^(config|conf|configuration|local_config)$/.test(base);
}

;// CONCATENATED MODULE: ./src/secrets/django-key.ts






/**
 * Finding Django `SECRET_KEY` literals in Python settings and in the config files that feed them
 * (.env, INI, YAML, TOML, docker-compose). Python is tokenized, not pattern-matched, because a
 * Django key may contain `#`, `(`, `)`, `%` and `=`: the alphabet of
 * `django.core.management.utils.get_random_secret_key` is `a-z0-9!@#$%^&*(-_=+)`.
 * https://github.com/django/django/blob/main/django/core/management/utils.py
 */
/** Names that hold a Django key: `SECRET_KEY`, `DJANGO_SECRET_KEY`, `MYAPP_DJANGO_SECRET_KEY`, fallbacks. */
const KEY_NAME = /^(?:(?:[a-z0-9]+_)*django_)?secret_key(?:_fallbacks)?$/i;
/** The Django key alphabet, for `django-insecure-` keys found anywhere. */
const INSECURE_KEY = /django-insecure-[a-z0-9!@#$%^&*(\-_=+)]{20,}/g;
/** Calls that read an environment variable and may carry a literal default. */
const ENV_READERS = new Set([
    'get',
    'getenv',
    'setdefault',
    'config',
    'env',
    'str',
    'list',
    'tuple',
]);
/** Of those, the ones whose second positional argument is the default (not django-environ's `cast`). */
const POSITIONAL_DEFAULT = new Set(['get', 'getenv', 'setdefault', 'config', 'str']);
function isPythonPath(path) {
    return /\.(py|pyi|pyw)$/i.test(path);
}
function detectDjangoSecretKeys(file) {
    const index = createLineIndex(file.content);
    const python = isPythonPath(file.path);
    const hits = python
        ? findPythonKeyLiterals(file.content, isSettingsShapedPath(file.path))
        : findConfigKeyValues(file.path, file.content);
    // Sets, not scans of `hits`: a file with thousands of keys must stay linear.
    const seen = new Set(hits.map((hit) => hit.secret));
    if (python) {
        for (const hit of findCommentedKeys(file.content, isSettingsShapedPath(file.path))) {
            if (seen.has(hit.secret))
                continue;
            seen.add(hit.secret);
            hits.push(hit);
        }
    }
    // A `django-insecure-` key already reported as (part of) a literal is not reported again.
    for (const secret of [...seen])
        for (const inner of secret.matchAll(INSECURE_KEY))
            seen.add(inner[0]);
    for (const match of file.content.matchAll(INSECURE_KEY)) {
        const value = match[0];
        if (seen.has(value) || isPlaceholderValue(value))
            continue;
        seen.add(value);
        hits.push({
            offset: match.index,
            line: index.lineAt(match.index),
            secret: value,
            message: 'django-insecure- key (the development key startproject generates) committed',
        });
    }
    return hits.sort((a, b) => a.offset - b.offset).map((hit) => toMatch(hit, index));
}
function toMatch(hit, index) {
    return {
        line: hit.line,
        column: index.columnAt(hit.offset),
        secret: hit.secret,
        message: hit.message,
    };
}
// ---------------------------------------------------------------------------------------------
// Python
/** No real settings expression is longer; a fallbacks list may be (one key per element). */
const MAX_EXPRESSION_TOKENS = 512;
const MAX_LIST_TOKENS = 20_000;
/**
 * Test helpers that take settings as keyword arguments: a key there only configures one test
 * (`@override_settings(SECRET_KEY="wrong-signing-key")`), it is not a committed setting.
 */
const TEST_SETTINGS_CALLS = new Set(['override_settings', 'modify_settings', 'settings']);
/**
 * Literal Django keys in Python source: assignments, fallbacks, dict entries, env-read defaults.
 * Upper-case `SECRET_KEY` names are Django settings wherever they are assigned; a lower-case
 * `secret_key` (a pydantic or django-cfg field, a dict key) counts only in a settings-shaped file
 * (`settingsShaped`): in application code it is just a variable.
 */
function findPythonKeyLiterals(content, settingsShaped = true) {
    const tokens = tokenizePython(content);
    const hits = [];
    const reported = new Set();
    const visited = new Set();
    // Unbalanced brackets in broken or hostile input would make every expression run to the end of
    // the file; a per-expression cap and a global step budget keep the walk linear.
    let budget = 64 * tokens.length + 10_000;
    const spend = (steps) => (budget -= steps) > 0;
    const tokenAt = (i) => tokens[i];
    const isOp = (i, text) => {
        const token = tokens[i];
        return token?.kind === 'op' && token.text === text;
    };
    const report = (start, value, message) => {
        const token = tokenAt(start);
        if (!token || reported.has(start))
            return;
        reported.add(start);
        if (isPlaceholderValue(value))
            return;
        hits.push({ offset: token.offset, line: token.line, secret: value, message });
    };
    /** The name called by the innermost call whose parentheses hold token `k`, if any. */
    const enclosingCallName = (k) => {
        const depth = tokenAt(k)?.depth ?? 0;
        const limit = Math.max(0, k - MAX_EXPRESSION_TOKENS);
        for (let j = k - 1; j >= limit; j--) {
            const token = tokens[j];
            if (!token || token.depth >= depth)
                continue;
            if (token.kind !== 'op' || token.text !== '(')
                return undefined;
            const callee = tokens[j - 1];
            return callee?.kind === 'name' ? callee.text : undefined;
        }
        return undefined;
    };
    /** First token index after the expression starting at `start`. */
    const expressionEnd = (start) => {
        const depth = tokenAt(start)?.depth ?? 0;
        let j = start;
        const limit = Math.min(tokens.length, start + MAX_EXPRESSION_TOKENS);
        for (; j < limit; j++) {
            const token = tokens[j];
            if (!token || token.kind === 'newline' || token.depth < depth)
                break;
            if (token.depth === depth &&
                token.kind === 'op' &&
                (token.text === ',' || token.text === ':'))
                break;
        }
        return j;
    };
    /** A call `name(...)` at `nameIndex` reading an env var: report a literal default. */
    const visitEnvCall = (nameIndex, anyVariable, nesting) => {
        const name = tokenAt(nameIndex);
        const paren = tokenAt(nameIndex + 1);
        if (!name || name.kind !== 'name' || !ENV_READERS.has(name.text))
            return;
        if (!paren || paren.kind !== 'op' || paren.text !== '(')
            return;
        const variable = tokenAt(nameIndex + 2);
        if (!variable || variable.kind !== 'string')
            return;
        if (!anyVariable && !KEY_NAME.test(variable.text))
            return;
        if (visited.has(`call:${nameIndex}`))
            return;
        visited.add(`call:${nameIndex}`);
        const argDepth = paren.depth + 1;
        const limit = Math.min(tokens.length, nameIndex + MAX_EXPRESSION_TOKENS);
        let position = 0;
        let argStart = nameIndex + 2;
        for (let j = nameIndex + 2; j <= limit; j++) {
            const token = j < limit ? tokens[j] : undefined;
            const atEnd = !token || token.depth < argDepth || token.kind === 'newline';
            if (atEnd || (token.depth === argDepth && token.kind === 'op' && token.text === ',')) {
                const first = tokenAt(argStart);
                const message = `literal default of env read ${variable.text}`;
                if (first?.kind === 'name' && isOp(argStart + 1, '=')) {
                    if (first.text === 'default')
                        visitValue(argStart + 2, message, nesting + 1);
                }
                else if (position === 1 && POSITIONAL_DEFAULT.has(name.text)) {
                    visitValue(argStart, message, nesting + 1);
                }
                position++;
                argStart = j + 1;
                if (atEnd)
                    break;
            }
        }
    };
    /** An expression in value position: a literal (group), a list/tuple of them, an env read, `x or 'lit'`. */
    const visitValue = (start, message, nesting) => {
        const first = tokenAt(start);
        if (!first || nesting > 6 || visited.has(`value:${start}`))
            return;
        visited.add(`value:${start}`);
        const end = expressionEnd(start);
        if (!spend(end - start + 1))
            return;
        if (first.kind === 'string' && !first.isExpression) {
            let j = start;
            let value = '';
            while (j < end && tokens[j]?.kind === 'string' && !tokens[j]?.isExpression) {
                value += tokens[j]?.text ?? '';
                j++;
            }
            const next = tokenAt(j);
            // `'%s' % x`, `'{}'.format(x)`, `'abc'[0]`: a computation, not the literal itself.
            const computed = next?.kind === 'op' && ['.', '%', '['].includes(next.text) && j < end;
            if (!computed)
                report(start, value, message);
        }
        else if (first.kind === 'op' && (first.text === '[' || first.text === '(')) {
            // Elements of a list or tuple (SECRET_KEY_FALLBACKS, environ.Env scheme tuples).
            const inner = first.depth + 1;
            let elementStart = start + 1;
            const limit = Math.min(tokens.length, start + MAX_LIST_TOKENS);
            for (let j = start + 1; j <= limit; j++) {
                const token = j < limit ? tokens[j] : undefined;
                if (!token || token.depth < inner || token.kind === 'newline') {
                    visitValue(elementStart, message, nesting + 1);
                    break;
                }
                if (token.depth === inner && token.kind === 'op' && token.text === ',') {
                    visitValue(elementStart, message, nesting + 1);
                    elementStart = j + 1;
                }
            }
        }
        for (let j = start; j < end; j++) {
            const token = tokens[j];
            if (!token)
                break;
            if (token.kind === 'name' && isOp(j + 1, '('))
                visitEnvCall(j, true, nesting);
            if (token.kind === 'name' &&
                token.depth === first.depth &&
                (token.text === 'or' || token.text === 'else'))
                visitValue(j + 1, message.startsWith('literal default') ? message : `literal fallback ${message}`, nesting + 1);
        }
    };
    for (let k = 0; k < tokens.length && budget > 0; k++) {
        const token = tokens[k];
        if (!token)
            continue;
        if (token.kind === 'name' && ENV_READERS.has(token.text) && isOp(k + 1, '(')) {
            visitEnvCall(k, false, 0);
            continue;
        }
        if ((token.kind !== 'name' && token.kind !== 'string') || !KEY_NAME.test(token.text))
            continue;
        const name = token.text;
        if (!settingsShaped && name !== name.toUpperCase())
            continue;
        if (token.depth > 0 && TEST_SETTINGS_CALLS.has(enclosingCallName(k) ?? ''))
            continue;
        const isFallbacks = /_fallbacks$/i.test(name);
        let valueStart;
        let message;
        if (token.kind === 'string') {
            if (isOp(k + 1, ':'))
                valueStart = k + 2;
            // `os.environ["SECRET_KEY"] = "..."`
            else if (isOp(k + 1, ']') && isOp(k + 2, '='))
                valueStart = k + 3;
            else
                continue;
            message = `Django ${name} literal in a settings dict`;
        }
        else if (isOp(k + 1, '=') || isOp(k + 1, '+=') || isOp(k + 1, ':=')) {
            valueStart = k + 2;
            message =
                token.depth === 0
                    ? `Django ${name} literal assigned in settings`
                    : `Django ${name} literal passed as a keyword argument`;
        }
        else if (isOp(k + 1, ':') && token.depth === 0) {
            // Annotated assignment `SECRET_KEY: str = '...'` (also pydantic-settings fields).
            for (let j = k + 2; j < tokens.length; j++) {
                const next = tokens[j];
                if (!next || next.kind === 'newline')
                    break;
                if (next.depth === 0 && next.kind === 'op' && next.text === '=') {
                    valueStart = j + 1;
                    break;
                }
            }
            message = `Django ${name} literal assigned in settings`;
        }
        else
            continue;
        if (valueStart === undefined)
            continue;
        if (isFallbacks)
            message = `literal key in Django ${name}`;
        visitValue(valueStart, message, 0);
    }
    return hits;
}
/** `# SECRET_KEY = '…'`: a key commented out is still committed. Quoted values only. */
const COMMENTED_KEY = /#\s*((?:(?:[A-Za-z0-9]+_)*DJANGO_)?SECRET_KEY(?:_FALLBACKS)?)\s*[:=]\s*[rRuUbB]?(["'])([^"'\r\n]+)\2/gi;
function findCommentedKeys(content, settingsShaped) {
    const hits = [];
    for (const line of linesMatching(content, /secret_key/gi)) {
        if (!line.text.includes('#'))
            continue;
        for (const match of line.text.matchAll(COMMENTED_KEY)) {
            const name = match[1] ?? 'SECRET_KEY';
            if (!settingsShaped && name !== name.toUpperCase())
                continue;
            const value = match[3] ?? '';
            if (isPlaceholderValue(value))
                continue;
            hits.push({
                offset: line.offset + match.index,
                line: line.number,
                secret: value,
                message: `Django ${name} literal in a comment`,
            });
        }
    }
    return hits;
}
// ---------------------------------------------------------------------------------------------
// .env, INI, YAML, TOML, docker-compose, Dockerfile, JSON
const KEY_PATTERN = '((?:(?:[A-Za-z0-9]+_)*DJANGO_)?SECRET_KEY(?:_FALLBACKS)?)';
/** `KEY=value`, `export KEY=value`, `ENV KEY=value`, `KEY: value`, `- KEY=value`, `"KEY": "value"`. */
const CONFIG_LINE = new RegExp(`^\\s*(?:export\\s+|ENV\\s+|set\\s+)?(?:-\\s+)?(["']?)${KEY_PATTERN}\\1\\s*(=|:(?=\\s|$))(.*)$`, 'i');
/** docker-compose list form with the whole item quoted: `- "DJANGO_SECRET_KEY=value"`. */
const QUOTED_ITEM = new RegExp(`^\\s*-\\s*(["'])${KEY_PATTERN}=(.*)\\1\\s*(?:#.*)?$`, 'i');
function configFormatOf(path) {
    if (/\.ya?ml$/i.test(path))
        return 'yaml';
    if (/\.(ini|cfg)$/i.test(path))
        return 'ini';
    return 'other';
}
/**
 * Files whose `KEY=value` / `KEY: value` lines are configuration. In anything else (JavaScript,
 * Markdown, HTML…) the same shape is often code (`SECRET_KEY: process.env.SECRET_KEY`), so a value
 * there must look like a generated key to count (see `looksLikeGeneratedKey`).
 */
function isConfigPath(path) {
    const base = baseNameOf(path);
    return (isDotenvPath(path) ||
        /\.(ya?ml|toml|ini|cfg|conf|json|properties|env|sh|bash|zsh|tfvars)$/.test(base) ||
        base.startsWith('dockerfile') ||
        base.endsWith('.dockerfile') ||
        base === 'procfile' ||
        !base.includes('.'));
}
/** Django's alphabet plus base64 (`openssl rand -base64`), 20+ characters, some variety. */
function looksLikeGeneratedKey(value) {
    return /^[A-Za-z0-9!@#$%^&*()\-_=+/]{20,}$/.test(value) && uniqueCharCount(value) >= 8;
}
/**
 * The literal value after `KEY=` / `KEY:`. Quoted values end at the closing quote; an unquoted
 * value ends at ` #` (whitespace then `#`) or the line end. A bare `#` stays in the value because
 * a Django key may contain `#` (python-dotenv and docker-compose agree: `#` starts a comment only
 * after whitespace). INI values are taken whole: configparser has no inline comments by default.
 * Returns undefined when the value is not a literal (YAML block scalars).
 */
function parseConfigValue(rest, format) {
    // configparser (and so python-decouple's settings.ini) has no inline comments by default.
    if (format === 'ini') {
        const whole = rest.trim();
        return /^(["']).*\1$/.test(whole) ? whole.slice(1, -1) : whole;
    }
    if (/^\s+#/.test(rest))
        return '';
    const text = rest.trim();
    const quote = text[0];
    if (quote === '"' || quote === "'") {
        for (let i = 1; i < text.length; i++) {
            const char = text[i];
            if (char === '\\' && quote === '"') {
                i++;
                continue;
            }
            if (char === quote) {
                const body = text.slice(1, i);
                return quote === '"' ? body.replace(/\\(["\\])/g, '$1') : body;
            }
        }
        return text.slice(1);
    }
    const comment = /\s#/.exec(text);
    let value = (comment ? text.slice(0, comment.index) : text).trim();
    if (format === 'yaml') {
        if (/^[|>][-+0-9]*$/.test(value))
            return undefined;
        // YAML tags (`!!str x`, `!ENV ${X}`) are not part of the value.
        const tag = /^!!?[A-Za-z][\w-]*\s+(.*)$/.exec(value);
        if (tag)
            value = parseConfigValue(tag[1] ?? '', 'other') ?? '';
    }
    return value;
}
function describeConfigFile(path) {
    const base = baseNameOf(path);
    if (/(^|\/)\.envs\//.test(path) ||
        base === '.env' ||
        base.startsWith('.env.') ||
        base.endsWith('.env'))
        return '.env file';
    if (/(^|[-_.])(docker-)?compose[^/]*\.ya?ml$/.test(base))
        return 'docker-compose environment';
    if (/\.ya?ml$/.test(base))
        return 'YAML config';
    if (base.endsWith('.toml'))
        return 'TOML config';
    if (/\.(ini|cfg)$/.test(base))
        return 'INI config';
    if (base.endsWith('.json'))
        return 'JSON config';
    if (base === 'dockerfile' || base.endsWith('.dockerfile'))
        return 'Dockerfile';
    return 'committed file';
}
function findConfigKeyValues(path, content) {
    const hits = [];
    const format = configFormatOf(path);
    const strict = !isConfigPath(path);
    const where = describeConfigFile(path);
    for (const line of linesMatching(content, /secret_key/gi)) {
        let name;
        let values = [];
        const quotedItem = QUOTED_ITEM.exec(line.text);
        if (quotedItem) {
            name = quotedItem[2];
            values = [quotedItem[3] ?? ''];
        }
        else {
            const match = CONFIG_LINE.exec(line.text);
            if (!match)
                continue;
            name = match[2];
            const rest = match[4] ?? '';
            const value = parseConfigValue(rest, format);
            if (value === undefined)
                continue;
            values = [value];
            if (/_fallbacks$/i.test(name ?? '')) {
                const trimmed = rest.trim();
                values = trimmed.startsWith('[')
                    ? Array.from(trimmed.matchAll(/"([^"]*)"|'([^']*)'/g), (m) => m[1] ?? m[2] ?? '')
                    : value.split(',');
            }
        }
        for (const raw of values) {
            const value = raw.trim();
            if (isPlaceholderValue(value) || (strict && !looksLikeGeneratedKey(value)))
                continue;
            const at = line.text.indexOf(value);
            hits.push({
                offset: line.offset + Math.max(0, at),
                line: line.number,
                secret: value,
                message: `Django secret key literal in ${where} (${name ?? 'SECRET_KEY'})`,
            });
        }
    }
    return hits;
}

;// CONCATENATED MODULE: ./src/secrets/rules/django-secret-key-committed.ts


const djangoSecretKeyCommitted = defineSecretRule({
    id: 'DDG101',
    name: 'django-secret-key-committed',
    severity: 'critical',
    fix: 'Read SECRET_KEY from the environment without a literal default, rotate the committed key and move the old one to SECRET_KEY_FALLBACKS only for as long as needed.',
    keywords: ['secret_key', 'django-insecure-'],
    // A key in CI configuration only has to let the test suite start.
    lowIn: ['ci'],
    detect: detectDjangoSecretKeys,
    // Outside Python, only `SECRET_KEY` lines and `django-insecure-` values are read (and a value is
    // reported once per file); Python is tokenized whole.
    scope: (path) => (isPythonPath(path) ? { kind: 'file' } : { kind: 'keyword-lines' }),
    docs: {
        summary: 'A Django SECRET_KEY (or fallback key) is committed as a literal.',
        whatItDoes: 'Finds literal Django keys without running any code: `SECRET_KEY = "…"` (also annotated and ' +
            'keyword/dict forms), literal entries of `SECRET_KEY_FALLBACKS`, literal defaults of env reads ' +
            '(`os.environ.get("SECRET_KEY", "…")`, `os.getenv`, `env(…, default=…)`, `env.str`, ' +
            'decouple `config(…, default=…)`, `x or "…"`), and `SECRET_KEY` / `DJANGO_SECRET_KEY` / ' +
            '`secret_key` values in .env, INI, YAML (including django-cfg `config*.yaml`), TOML, JSON, ' +
            'Dockerfiles and docker-compose `environment:` (mapping and list forms). Any ' +
            '`django-insecure-` key is reported wherever it appears. Python is tokenized, so keys holding ' +
            '`#`, `(`, `)`, `%` or `=` (all in the alphabet of `get_random_secret_key`) are read whole; ' +
            'in .env and YAML files an unquoted value ends only at `#` preceded by whitespace. ' +
            'Empty values, env reads without a default, computed values and placeholders ' +
            '(`change-me`, `!!!SET DJANGO_SECRET_KEY!!!`, `<…>`, `${VAR}`, `{{ … }}`, `xxxx`, `dummy`, ' +
            'repeated characters, low-variety values such as `secretsecretsecret` or an alphabet run, ' +
            'stand-in words such as `irrelevant`, `notsecret`, `herokudefault`) are not reported; a key ' +
            'that merely contains `<…>` is judged by the rest. In Python, upper-case `SECRET_KEY` names ' +
            'count wherever they are assigned; lower-case `secret_key` (pydantic-settings, django-cfg) ' +
            'only in settings-shaped files (`settings.py`, `settings/`, `config.py`, `*_settings.py`), ' +
            'so a local variable in application code is not a Django key; keyword arguments of ' +
            '`override_settings(...)`, `modify_settings(...)` and `self.settings(...)` in tests are ' +
            'not reported. A literal key is `critical`; on a commented-out line, in test code, fixtures ' +
            'and test settings (`tests/`, `test_*.py`, `*_test.py`, `conftest.py`, `fixtures/`, ' +
            '`settings/test.py`) and in CI configuration (`.github/workflows/`, `circle.yml`, ' +
            '`.travis.yml`, `tox.ini`, `.gitlab-ci.yml`, `bitbucket-pipelines.yml`, `Jenkinsfile`, at any ' +
            'depth) it is at most `low` and the message says why.',
        whyBad: 'SECRET_KEY signs sessions, password-reset tokens, messages and anything using ' +
            '`django.core.signing`. Anyone who can read the repository (or any clone, fork or CI log of ' +
            'it) can forge those signatures: log in as any user when signed-cookie sessions are used, ' +
            'craft password-reset links, or tamper with signed data. A key that reached git stays in ' +
            'history after it is deleted, so it must be rotated, not just removed.',
        badExample: {
            file: 'config/settings/production.py',
            content: [
                'from .base import *  # noqa',
                '',
                'DEBUG = False',
                'SECRET_KEY = "{{secret:django-key}}"',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: 'config/settings/production.py',
            content: [
                'import environ',
                '',
                'env = environ.Env()',
                '',
                'DEBUG = False',
                'SECRET_KEY = env("DJANGO_SECRET_KEY")',
                'SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])',
                '',
            ].join('\n'),
        },
        useInstead: 'Generate a fresh key (`python -c "from django.core.management.utils import ' +
            'get_random_secret_key; print(get_random_secret_key())"`), store it in the deployment\'s ' +
            'secret store, and read it with a required env read (`env("DJANGO_SECRET_KEY")` or ' +
            '`os.environ["DJANGO_SECRET_KEY"]`). Keep the old key in SECRET_KEY_FALLBACKS (read from the ' +
            'environment) only while existing sessions expire, then remove it.',
        references: [
            'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key',
            'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key',
            'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key-fallbacks',
            'https://docs.djangoproject.com/en/stable/topics/signing/',
            'https://github.com/django/django/blob/main/django/core/management/utils.py',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/dotenv-file-committed.ts





const SECRET_NAME_PARTS = [
    'SECRET',
    'PASSWORD',
    'PASSWD',
    'TOKEN',
    'API_KEY',
    'APIKEY',
    'PRIVATE',
    'CREDENTIAL',
    'AUTH',
    'DSN',
    'ACCESS_KEY',
];
/** Names that contain a secret word but hold configuration: `AUTH_USER_MODEL`, `PASSWORD_MIN_LENGTH`. */
const NOT_SECRET_SUFFIX = /_(MODEL|BACKENDS?|ENABLED|REQUIRED|METHODS?|TYPE|CLASS(ES)?|HOST|PORT|USER|USERNAME|NAME|FILE|PATH|DIR|TIMEOUT|EXPIRY|EXPIRES?|LIFETIME|TTL|AGE|LENGTH|ALGORITHM|HEADER|PREFIX|ENDPOINT|ISSUER|AUDIENCE|SCOPES?|REGION|ID|URL|VALIDATORS|HASHERS|LEVEL|MODE)$/;
const FLAG_VALUE = /^(true|false|yes|no|on|off|none|null|nil|\d{1,5})$/i;
function isSecretLookingName(key) {
    const upper = key.toUpperCase();
    return SECRET_NAME_PARTS.some((part) => upper.includes(part)) && !NOT_SECRET_SUFFIX.test(upper);
}
function namesOf(entries) {
    const users = [];
    const databases = [];
    for (const entry of entries) {
        const key = entry.key.toUpperCase();
        if (/(^|_)(USER|USERNAME|LOGIN)$/.test(key))
            users.push(entry.value);
        if (/(^|_)(DB|DATABASE|DB_NAME|DATABASE_NAME|VHOST)$/.test(key))
            databases.push(entry.value);
    }
    return { users, databases };
}
function judgeEntry(entry, template, names) {
    let sawDefault = false;
    const mask = [];
    for (const credentials of findUrlCredentials(entry.value)) {
        const verdict = judgeUrlCredentials(credentials);
        if (verdict.kind === 'default')
            sawDefault = true;
        if (verdict.kind !== 'secret')
            continue;
        const [password = ''] = passwordMaskValues(credentials);
        if (template && !isRealLookingSecret(password))
            continue;
        mask.push(...passwordMaskValues(credentials));
    }
    if (mask.length > 0)
        return { kind: 'secret', mask: [entry.value, ...mask] };
    // A URL is judged by its password alone: a DSN or broker URL without one holds no secret.
    const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(entry.value.trim());
    if (!isSecretLookingName(entry.key) || isUrl)
        return sawDefault ? { kind: 'default' } : { kind: 'none' };
    const value = entry.value.trim();
    if (isPlaceholderValue(value) || FLAG_VALUE.test(value))
        return { kind: 'none' };
    const isDefault = [undefined, ...names.users].some((user) => [undefined, ...names.databases].some((database) => defaultCredentialReason({
        password: value,
        ...(user !== undefined ? { user } : {}),
        ...(database !== undefined ? { database } : {}),
    }) !== undefined));
    if (isDefault)
        return { kind: 'default' };
    if (template && !isRealLookingSecret(value))
        return { kind: 'none' };
    return { kind: 'secret', mask: [entry.value] };
}
function detectCommittedDotenv(file) {
    const template = isDotenvTemplatePath(file.path);
    const entries = dotenvFileEntries(file.content);
    const names = namesOf(entries);
    const judged = entries.map((entry) => ({ entry, verdict: judgeEntry(entry, template, names) }));
    const secretEntries = judged.filter(({ verdict }) => verdict.kind === 'secret');
    const first = secretEntries[0];
    if (first) {
        const keys = [...new Set(secretEntries.map(({ entry }) => entry.key))];
        return [
            {
                line: first.entry.line,
                // The key names, sorted: stable across value rotations and line moves, never a value.
                secret: [...keys].sort().join(','),
                // The values are what must never show in a log.
                maskValues: secretEntries
                    .flatMap(({ verdict }) => (verdict.kind === 'secret' ? verdict.mask : []))
                    .filter((value) => value.length >= 4),
                message: template
                    ? `.env template holds real-looking secret values for ${keys.join(', ')}`
                    : `committed .env file holds secret-looking values for ${keys.join(', ')}`,
                ...(template
                    ? { fix: 'Replace the values in the template with placeholders and rotate the secrets.' }
                    : {}),
            },
        ];
    }
    if (template)
        return [];
    const defaults = [
        ...new Set(judged.filter(({ verdict }) => verdict.kind === 'default').map(({ entry }) => entry.key)),
    ];
    return [
        {
            line: 1,
            secret: [...new Set(entries.map((entry) => entry.key))].sort().join(','),
            // Nothing secret-looking: masking the key names would only garble the logs.
            maskValues: [],
            message: defaults.length > 0
                ? `committed .env file; ${defaults.join(', ')} ${defaults.length === 1 ? 'holds' : 'hold'} only a default credential; keep it out of git`
                : 'committed .env file; keep it out of git',
            severity: 'low',
        },
    ];
}
const dotenvFileCommitted = defineSecretRule({
    id: 'DDG102',
    name: 'dotenv-file-committed',
    severity: 'high',
    identity: 'path',
    fix: 'Remove the .env file from git (git rm --cached), add it to .gitignore, commit a .env.example with placeholders and rotate the secrets it held.',
    appliesToPath: isDotenvPath,
    detect: detectCommittedDotenv,
    docs: {
        summary: 'A .env file is committed to the repository.',
        whatItDoes: 'Looks at files named `.env`, `.env.*`, `.env-*`, `*.env`, `*.env.*` (`app.env.prod`) and ' +
            "everything under `.envs/` (cookiecutter-django's layout), wherever they sit (`envs/web.env`, " +
            '`docker/db.env`). It reports one finding per file, naming (never showing) the keys that ' +
            'hold secret-looking values: names containing SECRET, PASSWORD, PASSWD, TOKEN, API_KEY, ' +
            'APIKEY, PRIVATE, CREDENTIAL, AUTH, DSN or ACCESS_KEY (except configuration names such as ' +
            '`AUTH_USER_MODEL` or `PASSWORD_MIN_LENGTH`) with a non-empty value that is not a placeholder, ' +
            'a flag or a default credential, and URLs with an inline password that is not a default ' +
            'credential. Such a file is `high`, on the line of the first secret-looking key. A file ' +
            'whose only credentials are defaults (`postgres://saleor:saleor@db/saleor`, ' +
            "`POSTGRES_PASSWORD=postgres`, a password equal to the file's user or database name) is a " +
            'single `low` finding that says so, like a file without credentials. Templates ' +
            '(`.env.example`, `.env-template`, `.env.sample`, `.env.dist`, `*.example`, `example.env`, …) ' +
            'are judged by their content: only a real-looking value (at least 16 characters, high ' +
            'entropy, not a placeholder) is reported. Values are parsed as python-dotenv does: a `#` ' +
            'starts a comment only after whitespace. In tests and fixtures (`.env.test`, `tests/`) the ' +
            'finding is at most `low`.',
        whyBad: '.env files exist to keep deployment secrets out of the code. Once committed, every clone, ' +
            'fork and CI cache holds the database password, API tokens and SECRET_KEY, and they stay in ' +
            'git history even after the file is deleted.',
        badExample: {
            file: '.envs/.production/.django',
            content: [
                'DJANGO_SETTINGS_MODULE=config.settings.production',
                'DJANGO_SECRET_KEY={{secret:django-key}}',
                'DJANGO_ADMIN_URL=admin/',
                'MAILGUN_API_KEY={{secret:generic-token}}',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: '.env.example',
            content: [
                'DJANGO_SETTINGS_MODULE=config.settings.production',
                'DJANGO_SECRET_KEY=!!!SET DJANGO_SECRET_KEY!!!',
                'DATABASE_URL=postgres://app:${POSTGRES_PASSWORD}@db:5432/app',
                'MAILGUN_API_KEY=<your-mailgun-key>',
                '',
            ].join('\n'),
        },
        useInstead: 'Commit only a template with placeholders (`.env.example`), list `.env` and `.envs/` in ' +
            '.gitignore, and give the real values to the deployment through its secret store (GitHub ' +
            'Actions secrets, the platform environment, Docker/Kubernetes secrets). Rotate every secret ' +
            'the committed file held.',
        references: [
            'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key',
            'https://12factor.net/config',
            'https://docs.github.com/en/code-security/secret-scanning/working-with-secret-scanning-and-push-protection/remediating-a-leaked-secret',
            'https://github.com/theskumar/python-dotenv#file-format',
            'https://cookiecutter-django.readthedocs.io/en/latest/2-local-development/developing-locally-docker.html',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/email-url-with-password.ts


/**
 * The schemes dj-email-url and django-environ's `email_url` read (smtp, smtps, smtp+tls,
 * smtp+ssl, submission), plus the mailbox protocols a project's mail settings carry.
 * https://github.com/migonzalvar/dj-email-url/blob/master/dj_email_url.py
 * https://django-environ.readthedocs.io/en/latest/types.html#environ-env-email-url
 */
const EMAIL_SCHEMES = new Set([
    'smtp',
    'smtps',
    'smtp+tls',
    'smtp+ssl',
    'submission',
    'submit',
    'imap',
    'imaps',
    'pop3',
    'pop3s',
]);
function detectEmailUrls(file) {
    return detectUrlPasswords(file, EMAIL_SCHEMES);
}
const emailUrlWithPassword = defineSecretRule({
    id: 'DDG109',
    name: 'email-url-with-password',
    severity: 'high',
    fix: 'Read EMAIL_URL (or EMAIL_HOST_PASSWORD) from the environment and rotate the committed SMTP password.',
    keywords: ['smtp', 'submission://', 'submit://', 'imap://', 'imaps://', 'pop3://', 'pop3s://'],
    // CI mail servers are throwaway services (mailpit, mailhog) started for the test run.
    lowIn: ['ci'],
    detect: detectEmailUrls,
    // Each hit is one match on one line, judged by that line alone.
    scope: () => LINE_SCOPE,
    docs: {
        summary: 'An email (SMTP) URL carries an inline password.',
        whatItDoes: 'Finds `scheme://user:password@host` URLs for smtp, smtps, smtp+tls, smtp+ssl, submission, ' +
            'submit, imap(s) and pop3(s) in any committed file: `dj_email_url.parse("smtp://…")` and ' +
            '`env.email_url("EMAIL_URL", default="smtp://…")` in settings, `EMAIL_URL=` in .env and ' +
            "compose files, docs. The URL is split as Python's `urllib.parse.urlsplit` splits it " +
            '(the password runs to the last `@` before the host). Templates and stand-ins in the ' +
            'password position are ignored; a default credential (the password equal to the user name, ' +
            'a well-known default) is `low` at a local host such as `mailpit` and says so; any other ' +
            'password is `high`. On a commented-out line, in tests, fixtures or CI configuration a hit ' +
            'is at most `low`. The password is hashed for the fingerprint and never shown.',
        whyBad: 'An SMTP login sends mail as the project: password resets, invoices and phishing that passes ' +
            "SPF and DKIM because it comes from the project's own provider account. Providers such as " +
            'SendGrid, Mailgun or Mailtrap bill and suspend by account, and the password stays in git ' +
            'history after it is removed.',
        badExample: {
            file: 'shop/settings.py',
            content: [
                'import dj_email_url',
                '',
                'email_config = dj_email_url.parse(',
                '    "smtp://apikey:{{secret:db-password}}@smtp.mailtrap.io:2525/"',
                ')',
                'EMAIL_HOST_PASSWORD = email_config["EMAIL_HOST_PASSWORD"]',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: 'shop/settings.py',
            content: [
                'import os',
                '',
                'import dj_email_url',
                '',
                'email_config = dj_email_url.parse(os.environ.get("EMAIL_URL", "console:"))',
                'EMAIL_HOST_PASSWORD = email_config["EMAIL_HOST_PASSWORD"]',
                '',
            ].join('\n'),
        },
        useInstead: 'Read the whole URL from the environment (`dj_email_url.config()`, `env.email_url("EMAIL_URL")`) ' +
            'with a harmless default such as `console:` for development, or read `EMAIL_HOST_PASSWORD` ' +
            'alone. Rotate the SMTP password (or the provider API key used as one) that was committed.',
        references: [
            'https://docs.djangoproject.com/en/stable/ref/settings/#email-host-password',
            'https://github.com/migonzalvar/dj-email-url',
            'https://django-environ.readthedocs.io/en/latest/types.html#environ-env-email-url',
            'https://docs.python.org/3/library/urllib.parse.html#urllib.parse.urlsplit',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/token-checksum.ts
/**
 * The checksum GitHub and npm put in their tokens: the last 6 characters of `ghp_…`, `gho_…`,
 * `ghu_…`, `ghs_…`, `ghr_…` and `npm_…` are the CRC32 of the 30 random characters before them,
 * in base62 (`0-9A-Za-z`), left-padded with `0`. A value that passes it is a token GitHub or npm
 * issued (or a deliberate fake), not a typo, a hash or a stand-in: it keeps its severity wherever
 * it sits. https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
let crcTable;
/** CRC-32 (IEEE, as zlib's `crc32`) of an ASCII string. */
function crc32(text) {
    if (!crcTable) {
        crcTable = new Uint32Array(256);
        for (let n = 0; n < 256; n++) {
            let c = n;
            for (let k = 0; k < 8; k++)
                c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
            crcTable[n] = c >>> 0;
        }
    }
    let crc = 0xffffffff;
    for (let i = 0; i < text.length; i++)
        crc = (crc >>> 8) ^ (crcTable[(crc ^ text.charCodeAt(i)) & 0xff] ?? 0);
    return (crc ^ 0xffffffff) >>> 0;
}
/** `value` in base62, left-padded with `0` to `width` characters. */
function toBase62(value, width) {
    let out = '';
    let rest = value;
    while (rest > 0) {
        out = BASE62[rest % 62] + out;
        rest = Math.floor(rest / 62);
    }
    return out.padStart(width, '0');
}
/** True when the 36 characters after a 4-character prefix (`ghp_`, `npm_`) carry a valid checksum. */
function hasValidTokenChecksum(token) {
    const body = token.slice(4);
    if (body.length !== 36)
        return false;
    return toBase62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

;// CONCATENATED MODULE: ./src/secrets/rules/github-token.ts




/**
 * Token formats: https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/
 * `ghp_` personal, `gho_` OAuth, `ghu_` user-to-server, `ghs_` server-to-server, `ghr_` refresh.
 */
const CLASSIC_TOKEN = /(?<![A-Za-z0-9_])(gh[pousr])_([A-Za-z0-9]{36})(?![A-Za-z0-9_])/g;
const FINE_GRAINED_TOKEN = /(?<![A-Za-z0-9_])github_pat_([A-Za-z0-9_]{82})(?![A-Za-z0-9_])/g;
const GITHUB_TOKEN_PATTERNS = [CLASSIC_TOKEN, FINE_GRAINED_TOKEN];
const KIND_BY_PREFIX = {
    ghp: 'personal access token',
    gho: 'OAuth access token',
    ghu: 'user-to-server token',
    ghs: 'server-to-server (installation) token',
    ghr: 'refresh token',
};
function detectGitHubTokens(file) {
    const index = createLineIndex(file.content);
    const matches = [];
    const push = (offset, token, body, kind) => {
        // `ghp_xxxxxxxx…` and similar documentation stand-ins have almost no variety.
        if (uniqueCharCount(body) < 10)
            return;
        matches.push({
            line: index.lineAt(offset),
            column: index.columnAt(offset),
            secret: token,
            message: `GitHub ${kind}`,
            ...(hasValidTokenChecksum(token) ? { validated: true } : {}),
        });
    };
    for (const match of file.content.matchAll(CLASSIC_TOKEN)) {
        const prefix = match[1] ?? '';
        push(match.index, match[0], match[2] ?? '', KIND_BY_PREFIX[prefix] ?? 'token');
    }
    for (const match of file.content.matchAll(FINE_GRAINED_TOKEN)) {
        push(match.index, match[0], match[1] ?? '', 'fine-grained personal access token');
    }
    return matches.sort((a, b) => a.line - b.line);
}
const githubToken = defineSecretRule({
    id: 'DDG106',
    name: 'github-token',
    severity: 'critical',
    fix: 'Revoke the token on GitHub, create a new one with the least scope needed and pass it through a secret (e.g. GitHub Actions secrets).',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    detect: detectGitHubTokens,
    // Each hit is one match on one line, judged by that line alone.
    scope: () => LINE_SCOPE,
    docs: {
        summary: 'A GitHub token is committed.',
        whatItDoes: 'Finds GitHub tokens by their documented prefixes: `ghp_`, `gho_`, `ghu_`, `ghs_` and `ghr_` ' +
            'followed by 36 letters and digits, and fine-grained `github_pat_` tokens (82 more ' +
            'characters). Stand-ins with almost no character variety (`ghp_xxxx…`) are ignored.',
        whyBad: 'A token acts as its owner within its scopes: it can read private repositories, push code, ' +
            'change workflows or read Actions secrets. GitHub and attackers both scan public pushes for ' +
            'these prefixes; a token in history stays usable until it is revoked.',
        badExample: {
            file: 'scripts/release.py',
            content: [
                'import requests',
                '',
                'TOKEN = "{{secret:github-token}}"',
                'requests.post(URL, headers={"Authorization": f"Bearer {TOKEN}"})',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: 'scripts/release.py',
            content: [
                'import os',
                '',
                'import requests',
                '',
                'TOKEN = os.environ["GITHUB_TOKEN"]',
                'requests.post(URL, headers={"Authorization": f"Bearer {TOKEN}"})',
                '',
            ].join('\n'),
        },
        useInstead: 'In workflows use the automatic `GITHUB_TOKEN` or a repository secret; elsewhere read the ' +
            'token from the environment. Prefer fine-grained tokens with an expiry, or a GitHub App.',
        references: [
            'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats',
            'https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/',
            'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation',
            'https://docs.github.com/en/code-security/secret-scanning/working-with-secret-scanning-and-push-protection/remediating-a-leaked-secret',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/token-formats.ts


/** The `\n`-delimited line of `content` around `offset`. */
function lineAround(content, offset) {
    const start = content.lastIndexOf('\n', offset) + 1;
    const end = content.indexOf('\n', offset);
    return content.slice(start, end === -1 ? undefined : end);
}
/** `[text, offset]` of each line holding `word`, or the whole content when no word is given. */
function searchedSpans(content, word) {
    if (!word)
        return [[content, 0]];
    return linesMatching(content, word).map((line) => [line.text, line.offset]);
}
/** Every match of `formats` in a file, sorted by position, one per distinct offset. */
function detectTokenFormats(file, formats) {
    const index = createLineIndex(file.content);
    const found = [];
    const seen = new Set();
    for (const format of formats) {
        for (const [text, base] of searchedSpans(file.content, format.onLinesWith))
            for (const inSpan of text.matchAll(format.pattern)) {
                // Offsets in the whole file, whatever span was searched.
                const match = Object.assign(inSpan, { index: inSpan.index + base });
                const secret = match[format.secretGroup ?? 0] ?? '';
                if (secret === '' || uniqueCharCount(secret) < format.minUnique)
                    continue;
                const offset = match.index + (format.secretGroup ? match[0].indexOf(secret) : 0);
                if (seen.has(offset))
                    continue;
                if (format.accept) {
                    // A span searched for its word is already the match's line.
                    const line = format.onLinesWith ? text : lineAround(file.content, match.index);
                    if (!format.accept(match, line))
                        continue;
                }
                seen.add(offset);
                const hit = {
                    line: index.lineAt(offset),
                    column: index.columnAt(offset),
                    secret,
                    message: format.describe(match),
                };
                const severity = format.severity?.(match);
                if (severity !== undefined)
                    hit.severity = severity;
                if (format.validate?.(secret))
                    hit.validated = true;
                found.push({ offset, match: hit });
            }
    }
    return found.sort((a, b) => a.offset - b.offset).map((entry) => entry.match);
}

;// CONCATENATED MODULE: ./src/secrets/rules/gitlab-token.ts


/** https://docs.gitlab.com/security/tokens/#token-prefixes */
const KINDS = {
    'glpat-': 'personal, project or group access token',
    'gldt-': 'deploy token',
    'glrt-': 'runner authentication token',
    'glptt-': 'pipeline trigger token',
    'glcbt-': 'CI/CD job token',
    'glsoat-': 'SCIM OAuth access token',
    'gloas-': 'OAuth application secret',
    'glft-': 'feed token',
    'glimt-': 'incoming mail token',
    'glagent-': 'agent token',
    GR1348941: 'runner registration token',
};
const GITLAB_TOKEN_PATTERN = /(?<![A-Za-z0-9_-])(glpat-|gldt-|glrt-|glptt-|glcbt-|glsoat-|gloas-|glft-|glimt-|glagent-|GR1348941)([A-Za-z0-9_.-]{20,})(?![A-Za-z0-9_-])/g;
const FORMATS = [
    {
        pattern: GITLAB_TOKEN_PATTERN,
        minUnique: 10,
        describe: (match) => `GitLab ${KINDS[match[1] ?? ''] ?? 'token'}`,
    },
];
function detectGitLabTokens(file) {
    return detectTokenFormats(file, FORMATS);
}
const gitlabToken = defineSecretRule({
    id: 'DDG119',
    name: 'gitlab-token',
    severity: 'critical',
    fix: 'Revoke the token in GitLab and pass a new one through masked CI/CD variables or the environment.',
    keywords: [
        'glpat-',
        'gldt-',
        'glrt-',
        'glptt-',
        'glcbt-',
        'glsoat-',
        'gloas-',
        'glft-',
        'glimt-',
        'glagent-',
        'gr1348941',
    ],
    detect: detectGitLabTokens,
    // Each hit is one match on one line, judged by that line alone.
    scope: () => LINE_SCOPE,
    docs: {
        summary: 'A GitLab token is committed.',
        whatItDoes: 'Finds GitLab tokens by their documented prefixes: `glpat-` (personal, project and group ' +
            'access tokens), `gldt-` (deploy), `glrt-` and `GR1348941` (runners), `glptt-` (pipeline ' +
            'triggers), `glcbt-`, `glsoat-`, `gloas-`, `glft-`, `glimt-`, `glagent-`, each followed by ' +
            'at least 20 token characters. Stand-ins with little variety are ignored. In tests, ' +
            'fixtures and commented-out lines a hit is at most `low`.',
        whyBad: 'An access token acts as its user within its scopes: read private repositories, push code, ' +
            'change CI/CD variables and pipelines. Runner and trigger tokens run jobs that can read ' +
            "the project's secrets.",
        badExample: {
            file: 'scripts/mirror.py',
            content: ['GITLAB_TOKEN = "{{secret:gitlab-token}}"', ''].join('\n'),
        },
        goodExample: {
            file: 'scripts/mirror.py',
            content: ['import os', '', 'GITLAB_TOKEN = os.environ["GITLAB_TOKEN"]', ''].join('\n'),
        },
        useInstead: 'Use masked and protected CI/CD variables or the job token; elsewhere read tokens from the ' +
            'environment, give them an expiry and the least scope, and revoke a committed one.',
        references: [
            'https://docs.gitlab.com/security/tokens/',
            'https://docs.gitlab.com/security/tokens/#token-prefixes',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/google-api-key.ts


/** `AIza` + 35 URL-safe base64 characters: https://cloud.google.com/docs/authentication/api-keys */
const GOOGLE_API_KEY_PATTERN = /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g;
const google_api_key_FORMATS = [
    { pattern: GOOGLE_API_KEY_PATTERN, minUnique: 12, describe: () => 'Google API key' },
];
function detectGoogleApiKeys(file) {
    return detectTokenFormats(file, google_api_key_FORMATS);
}
const googleApiKey = defineSecretRule({
    id: 'DDG110',
    name: 'google-api-key',
    severity: 'high',
    fix: 'Delete or regenerate the key in the Google Cloud console, restrict the new one (APIs, referrers or IPs) and read it from the environment.',
    keywords: ['aiza'],
    detect: detectGoogleApiKeys,
    // Each hit is one match on one line, judged by that line alone.
    scope: () => LINE_SCOPE,
    docs: {
        summary: 'A Google API key (`AIza…`) is committed.',
        whatItDoes: 'Finds Google Cloud API keys: `AIza` followed by 35 letters, digits, `-` or `_`, in any ' +
            'file (settings such as `GOOGLE_MAPS_API_KEY`, templates that load the Maps JavaScript API, ' +
            'fixtures). Stand-ins with little variety are ignored. In tests, fixtures and commented-out ' +
            'lines a hit is at most `low`.',
        whyBad: 'An API key bills its project for every call made with it. An unrestricted key (no API, ' +
            'referrer or IP restriction) lets anyone use Maps, Places, Translate or Gemini on the ' +
            "project's account; keys harvested from public repositories are abused within hours.",
        badExample: {
            file: 'locations/settings.py',
            content: ['GOOGLE_MAPS_API_KEY = "{{secret:google-api-key}}"', ''].join('\n'),
        },
        goodExample: {
            file: 'locations/settings.py',
            content: [
                'import os',
                '',
                'GOOGLE_MAPS_API_KEY = os.environ.get("GOOGLE_MAPS_API_KEY", "")',
                '',
            ].join('\n'),
        },
        useInstead: 'Read the key from the environment, restrict it in the console to the APIs and the ' +
            'referrers (browser keys) or IP addresses (server keys) that use it, and regenerate any key ' +
            'that was committed.',
        references: [
            'https://cloud.google.com/docs/authentication/api-keys',
            'https://cloud.google.com/docs/authentication/api-keys-best-practices',
            'https://developers.google.com/maps/api-security-best-practices',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/named-values.ts



/**
 * JavaScript and TypeScript source (not minified bundles, whose one-letter names say nothing).
 */
function isScriptSourcePath(path) {
    const base = baseNameOf(path);
    return /\.(js|jsx|mjs|cjs|ts|tsx|mts|cts|vue|svelte)$/.test(base) && !/\.min\.js$/.test(base);
}
/** Python, JS/TS, YAML, JSON, INI, TOML, .env-like, shell, Dockerfiles and documentation. */
function namedValueSyntaxOf(path) {
    const base = baseNameOf(path);
    if (/\.pyw?$/.test(base))
        return 'python';
    if (isScriptSourcePath(path))
        return 'script';
    if (/\.ya?ml$/.test(base))
        return 'yaml';
    if (/\.json$/.test(base))
        return 'json';
    if (/\.(ini|cfg)$/.test(base))
        return 'ini';
    if (isDotenvPath(path) ||
        /\.(toml|conf|properties|sh|bash|env|tfvars|md|markdown|rst|txt|adoc)$/.test(base) ||
        base.startsWith('dockerfile') ||
        base.endsWith('.dockerfile') ||
        base === '.pypirc' ||
        base === '.netrc' ||
        base === '.npmrc')
        return 'other';
    return undefined;
}
/** A Python string literal starting at `quote` on `text`: its value and where it ends. */
function readPythonString(text, prefix, quote) {
    const q = text[quote] ?? '';
    const triple = text.startsWith(q.repeat(3), quote);
    const open = triple ? 3 : 1;
    const raw = /r/i.test(prefix);
    let value = '';
    for (let i = quote + open; i < text.length; i++) {
        const char = text[i] ?? '';
        if (char === '\\' && !raw) {
            const next = text[i + 1] ?? '';
            value += { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' }[next] ?? `\\${next}`;
            i++;
            continue;
        }
        if (triple ? text.startsWith(q.repeat(3), i) : char === q)
            return { value, end: i + open };
        value += char;
    }
    return undefined;
}
const PY_ASSIGNMENT = /(?:^|[\s,(;{])([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*[A-Za-z_][\w.[\], |]*?)?\s*=(?!=)\s*([rRuUbBfF]{0,2})(['"])/g;
const PY_DICT_ENTRY = /(['"])([A-Za-z_][\w.-]*)\1\s*:\s*([rRuUbBfF]{0,2})(['"])/g;
/** Calls that read an env variable: `os.environ.get`, `os.getenv`, `setdefault`, `env(…)`, `env.str`, decouple `config`. */
const ENV_READ_CALL = '\\b(?:get|getenv|setdefault|env|str|config)\\s*';
const PY_ENV_DEFAULT = new RegExp(`${ENV_READ_CALL}\\(\\s*(['"])([A-Za-z_][\\w.-]*)\\1\\s*,\\s*(?:default\\s*=\\s*)?([rRuUbBfF]{0,2})(['"])`, 'g');
const PY_ENV_KEYWORD_DEFAULT = new RegExp(`${ENV_READ_CALL}\\(\\s*(['"])([A-Za-z_][\\w.-]*)\\1[^()\\n]*?\\bdefault\\s*=\\s*([rRuUbBfF]{0,2})(['"])`, 'g');
function findPythonValues(isName, lines) {
    const found = [];
    for (const line of lines) {
        const text = line.text;
        const seen = new Set();
        const take = (match, nameGroup, prefixGroup, form) => {
            const name = match[nameGroup] ?? '';
            if (!isName(name))
                return;
            const prefix = match[prefixGroup] ?? '';
            const quote = (match.index ?? 0) + match[0].length - 1;
            if (seen.has(quote))
                return;
            seen.add(quote);
            const literal = readPythonString(text, prefix, quote);
            if (!literal)
                return;
            // `'…' % x`, `'…'.format(x)`, `'…' + x`, `'…'[0]`: computed, not the literal itself.
            const after = text.slice(literal.end).trimStart();
            if (/^[.%[+*]/.test(after) || /^(if|for)\b/.test(after))
                return;
            // An f-string with a replacement field is a computation too.
            if (/f/i.test(prefix) && /\{(?!\{)/.test(literal.value.replace(/\{\{/g, '')))
                return;
            found.push({
                name,
                value: literal.value,
                line: line.number,
                offset: line.offset + quote,
                form,
            });
        };
        for (const match of text.matchAll(PY_ENV_DEFAULT))
            take(match, 2, 3, 'env-read default');
        for (const match of text.matchAll(PY_ENV_KEYWORD_DEFAULT))
            take(match, 2, 3, 'env-read default');
        for (const match of text.matchAll(PY_DICT_ENTRY))
            take(match, 2, 3, 'dict entry');
        for (const match of text.matchAll(PY_ASSIGNMENT)) {
            const before = text.slice(0, match.index ?? 0);
            const form = /\(\s*$|,\s*$/.test(before) || /\([^)]*$/.test(before) ? 'keyword argument' : 'assignment';
            take(match, 1, 2, form);
        }
    }
    return found;
}
/**
 * JavaScript/TypeScript: `const NAME = '…'`, `NAME = "…"`, `name: '…'` and `'name': "…"` in an
 * object literal, `` name: `…` `` without `${…}`. A quoted value only: anything else is code.
 */
const SCRIPT_ASSIGNMENT = /(?:^|[\s,({;])(["']?)([A-Za-z_$][\w$]{0,80})\1[ \t]*(?::|=(?![=>]))[ \t]*(["'`])/g;
/** A JS string literal starting at `quote`: its value, or undefined when not a plain literal. */
function readScriptString(text, quote) {
    const q = text[quote] ?? '';
    let value = '';
    for (let i = quote + 1; i < text.length; i++) {
        const char = text[i] ?? '';
        if (char === '\\') {
            const next = text[i + 1] ?? '';
            value += { n: '\n', t: '\t', r: '\r' }[next] ?? next;
            i++;
            continue;
        }
        if (q === '`' && char === '$' && text[i + 1] === '{')
            return undefined;
        if (char === q)
            return { value, end: i + 1 };
        value += char;
    }
    return undefined;
}
function findScriptValues(isName, lines) {
    const found = [];
    for (const line of lines) {
        for (const match of line.text.matchAll(SCRIPT_ASSIGNMENT)) {
            const name = match[2] ?? '';
            if (!isName(name))
                continue;
            const quote = match.index + match[0].length - 1;
            const literal = readScriptString(line.text, quote);
            if (!literal)
                continue;
            const after = line.text.slice(literal.end);
            // `'…' + x`, `'…'.concat(x)`, `'…'[0]`: computed, not the literal itself.
            if (/^\s*[.+[?]/.test(after))
                continue;
            // A literal cannot be followed straight by a word character or a quote: the quote that
            // seemed to close it was escaped one level up (code inside an eval("…") string of a
            // webpack dev bundle: `pass: 'Element\\'s default…'`), so this is not its value.
            if (/^[\w$'"`\\]/.test(after))
                continue;
            found.push({
                name,
                value: literal.value,
                line: line.number,
                offset: line.offset + quote,
                form: /=/.test(match[0]) ? 'assignment' : 'dict entry',
            });
        }
    }
    return found;
}
/** `KEY=value`, `export KEY=value`, `ENV KEY=value`, `KEY: value`, `- KEY=value`, `"key": "value"`. */
const named_values_CONFIG_LINE = /^\s*(?:export\s+|ENV\s+|set\s+)?(?:-\s+)?(["']?)([A-Za-z_][\w.-]*)\1\s*(=|:(?=\s|$|["']))(.*)$/;
function findConfigValues(format, isName, lines) {
    const found = [];
    for (const line of lines) {
        const match = named_values_CONFIG_LINE.exec(line.text);
        if (!match)
            continue;
        const name = match[2] ?? '';
        if (!isName(name))
            continue;
        const rest = match[4] ?? '';
        const value = parseConfigValue(rest, format);
        if (value === undefined)
            continue;
        // Code in a config-looking line (docs, shell): `'PASSWORD': os.environ['DB_PASSWORD'],`,
        // `token=response.transaction.id,`.
        if (!/^\s*["']/.test(rest) &&
            (/^[A-Za-z_][\w.]*\s*[[(]/.test(value) ||
                /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)+,?$/.test(value)))
            continue;
        const at = line.text.indexOf(value, line.text.length - rest.length);
        found.push({
            name,
            value,
            line: line.number,
            offset: line.offset + (at === -1 ? line.text.length - rest.length : at),
            form: 'config entry',
        });
    }
    return found;
}
/** `"key": "value"` pairs anywhere on a line (JSON is often one line per object, or minified). */
const JSON_PAIR = /"([A-Za-z_][\w.-]*)"\s*:\s*"((?:\\.|[^"\\]){0,1000})"/g;
function findJsonValues(isName, lines) {
    const found = [];
    for (const line of lines) {
        for (const match of line.text.matchAll(JSON_PAIR)) {
            const name = match[1] ?? '';
            if (!isName(name))
                continue;
            let value;
            try {
                value = JSON.parse(`"${match[2] ?? ''}"`);
            }
            catch {
                continue;
            }
            const at = match.index + match[0].length - (match[2] ?? '').length - 1;
            found.push({
                name,
                value,
                line: line.number,
                offset: line.offset + at,
                form: 'config entry',
            });
        }
    }
    return found;
}
/**
 * Every literal assigned to a name `isName` accepts, in a file of a supported syntax. `lineHint`
 * (a global regex) selects the lines that can hold such a name; no other line is parsed.
 */
function findNamedValues(path, content, isName, lineHint) {
    const syntax = namedValueSyntaxOf(path);
    if (syntax === undefined)
        return [];
    const lines = lineHint ? linesMatching(content, lineHint) : splitLines(content);
    if (syntax === 'python')
        return findPythonValues(isName, lines);
    if (syntax === 'json')
        return findJsonValues(isName, lines);
    if (syntax === 'script')
        return findScriptValues(isName, lines);
    return findConfigValues(syntax, isName, lines);
}

;// CONCATENATED MODULE: ./src/secrets/rules/jwt-committed.ts





/** Three base64url parts, the first two JSON objects (`eyJ` is base64 of `{"`). */
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])/g;
/** jwt.io's sample token, copied into countless tutorials and tests. */
const JWT_IO_SAMPLE_IAT = 1516239022;
const DOCUMENTED_PAYLOADS = new Set(['{"sub":"1234567890","name":"John Doe","iat":1516239022}']);
/**
 * Files where a JWT is configuration: settings modules and the config files that feed them. A JWT
 * in application code, a frontend bundle or an API fixture is usually a sample response.
 */
function isConfigurationPath(path) {
    const base = baseNameOf(path);
    return (isSettingsShapedPath(path) ||
        isDotenvPath(path) ||
        /\.(ya?ml|toml|ini|cfg|conf|json|properties|tfvars)$/.test(base));
}
/**
 * JavaScript/TypeScript source outside build output: a frontend that ships a signed token (a
 * Supabase service key in a `.tsx` component) ships it to every visitor. A sample response in a
 * test or fixture is capped by its context.
 */
function isScriptSource(path) {
    return isScriptSourcePath(path) && !/(^|\/)(dist|build|vendor|static\/js)\//.test(path);
}
function decodeJson(part) {
    try {
        const text = Buffer.from(part, 'base64url').toString('utf8');
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
/** JWTs count in configuration and script sources only. */
function ignoresPath(path) {
    return !isConfigurationPath(path) && !isScriptSource(path);
}
function detectJwts(file) {
    if (ignoresPath(file.path))
        return [];
    const index = createLineIndex(file.content);
    const matches = [];
    for (const match of file.content.matchAll(JWT)) {
        const [header, payload] = match[0].split('.');
        const decodedHeader = decodeJson(header ?? '');
        if (typeof decodedHeader !== 'object' || decodedHeader === null || !('alg' in decodedHeader))
            continue;
        // An unsigned token (`alg: none`) proves nothing to a server that checks signatures.
        if (String(decodedHeader.alg).toLowerCase() === 'none')
            continue;
        const decodedPayload = decodeJson(payload ?? '');
        if (typeof decodedPayload !== 'object' || decodedPayload === null)
            continue;
        if (DOCUMENTED_PAYLOADS.has(JSON.stringify(decodedPayload)))
            continue;
        // jwt.io's debugger fills in `iat: 1516239022`; a token edited there is a sample (paperless-ngx's
        // chat widget sent one to a localhost demo API).
        if ('iat' in decodedPayload && decodedPayload.iat === JWT_IO_SAMPLE_IAT)
            continue;
        matches.push({
            line: index.lineAt(match.index),
            column: index.columnAt(match.index),
            secret: match[0],
            message: isConfigurationPath(file.path)
                ? 'signed JWT committed in configuration'
                : 'signed JWT committed in source code',
        });
    }
    return matches;
}
const jwtCommitted = defineSecretRule({
    id: 'DDG121',
    name: 'jwt-committed',
    severity: 'high',
    fix: 'Revoke or rotate the token (or the key that signed it) and read it from the environment.',
    keywords: ['eyj'],
    detect: detectJwts,
    ignoresPath,
    // Each hit is one match on one line, judged by that line alone.
    scope: () => LINE_SCOPE,
    docs: {
        summary: 'A signed JWT (a bearer token) is committed in settings or configuration.',
        whatItDoes: 'Finds JSON Web Tokens (`eyJ….eyJ….…`, a JSON header with an `alg` and a JSON payload) in ' +
            'settings modules (`settings.py`, `settings/`, `config.py`) and configuration files (.env, ' +
            'YAML, TOML, INI, JSON), and in JavaScript/TypeScript source outside build output (a frontend ' +
            'ships the token to every visitor): service keys such as Supabase `service_role` keys, API ' +
            "tokens issued as JWTs. Unsigned tokens (`alg: none`) and jwt.io's sample token are ignored; " +
            'JWTs in Python application code are left alone. Nothing of the token is shown. In tests, fixtures and ' +
            'commented-out lines a hit is at most `low`.',
        whyBad: 'A JWT is a bearer credential: whoever holds it is who the payload says, until it expires, ' +
            'and long-lived service tokens often never do. Service-role keys bypass row-level security ' +
            'and read or change every record.',
        badExample: {
            file: 'project/settings.py',
            content: ['SUPABASE_SERVICE_KEY = "{{secret:jwt}}"', ''].join('\n'),
        },
        goodExample: {
            file: 'project/settings.py',
            content: [
                'import os',
                '',
                'SUPABASE_SERVICE_KEY = os.environ["SUPABASE_SERVICE_KEY"]',
                '',
            ].join('\n'),
        },
        useInstead: 'Read the token from the environment or a secret store; prefer short-lived tokens minted at ' +
            'runtime; rotate the signing secret (or revoke the token) when one was committed.',
        references: [
            'https://datatracker.ietf.org/doc/html/rfc7519',
            'https://supabase.com/docs/guides/api/api-keys',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/mailgun-api-key.ts


/** Legacy private API keys: `key-` + 32 lower-case hex digits. */
const MAILGUN_LEGACY_KEY_PATTERN = /(?<![A-Za-z0-9_-])key-[0-9a-f]{32}(?![A-Za-z0-9_-])/g;
/** Current private API keys and webhook signing keys: `<32 hex>-<8 hex>-<8 hex>`. */
const MAILGUN_KEY_PATTERN = /(?<![A-Za-z0-9_-])[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}(?![A-Za-z0-9_-])/g;
const mailgun_api_key_FORMATS = [
    { pattern: MAILGUN_LEGACY_KEY_PATTERN, minUnique: 7, describe: () => 'Mailgun API key' },
    {
        pattern: MAILGUN_KEY_PATTERN,
        minUnique: 7,
        describe: () => 'Mailgun API key',
        // The shape alone is any hex triple: only on a line that names Mailgun.
        onLinesWith: /mailgun/gi,
    },
];
function detectMailgunKeys(file) {
    return detectTokenFormats(file, mailgun_api_key_FORMATS);
}
const mailgunApiKey = defineSecretRule({
    id: 'DDG113',
    name: 'mailgun-api-key',
    severity: 'high',
    fix: 'Rotate the key in Mailgun (API Security) and read it from the environment.',
    keywords: ['key-', 'mailgun'],
    detect: detectMailgunKeys,
    // Each hit is one match on one line, judged by that line alone.
    scope: () => LINE_SCOPE,
    docs: {
        summary: 'A Mailgun API key is committed.',
        whatItDoes: 'Finds Mailgun private API keys: the legacy `key-` followed by 32 hex digits anywhere, and ' +
            'the current `<32 hex>-<8 hex>-<8 hex>` keys on a line that names Mailgun ' +
            '(`MAILGUN_API_KEY`, `ANYMAIL = {"MAILGUN_API_KEY": …}`). In tests, fixtures and ' +
            'commented-out lines a hit is at most `low`.',
        whyBad: "The private key sends mail from the project's domains, reads logs and stored messages, and " +
            'changes routes and webhooks: mail can be read and redirected, and abuse gets the account ' +
            'suspended.',
        badExample: {
            file: 'config/settings/production.py',
            content: [
                'EMAIL_BACKEND = "anymail.backends.mailgun.EmailBackend"',
                'ANYMAIL = {',
                '    "MAILGUN_API_KEY": "{{secret:mailgun-api-key}}",',
                '    "MAILGUN_SENDER_DOMAIN": "mg.example.com",',
                '}',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: 'config/settings/production.py',
            content: [
                'import environ',
                '',
                'env = environ.Env()',
                'EMAIL_BACKEND = "anymail.backends.mailgun.EmailBackend"',
                'ANYMAIL = {',
                '    "MAILGUN_API_KEY": env("MAILGUN_API_KEY"),',
                '    "MAILGUN_SENDER_DOMAIN": env("MAILGUN_DOMAIN"),',
                '}',
                '',
            ].join('\n'),
        },
        useInstead: 'Read the key from the environment (cookiecutter-django\'s `env("MAILGUN_API_KEY")`); use a ' +
            'domain sending key where only sending is needed; rotate a key that was committed.',
        references: [
            'https://documentation.mailgun.com/docs/mailgun/user-manual/api-key-mgmt/rbac-mgmt/',
            'https://anymail.dev/en/stable/esps/mailgun/',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/credential-names.ts
/**
 * Names that say a value is a credential, by name and role: `EMAIL_HOST_PASSWORD`,
 * `AWS_SECRET_ACCESS_KEY`, `SOCIAL_AUTH_GITHUB_SECRET`, `STRIPE_SECRET_KEY`, `TWILIO_AUTH_TOKEN`,
 * `SENDGRID_API_KEY`, `*_CLIENT_SECRET`, `*_TOKEN`, a `PASSWORD` dict key, `clientSecret`. One
 * classification for the settings rule (DDG226) and the text rule (DDG122), so both agree on
 * which names hold secrets.
 */
/** `clientSecret`, `client-secret`, `client.secret`, `CLIENT_SECRET` → `CLIENT_SECRET`. */
function normaliseName(name) {
    return name
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .replace(/[^A-Za-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '')
        .toUpperCase();
}
/** Trailing qualifiers that do not change what a name holds: `DB_PASSWORD_PROD`, `API_KEY_2`. */
const QUALIFIER = /(_(PROD|PRODUCTION|LIVE|TEST|TESTING|DEV|DEVELOPMENT|STAGING|STAGE|LOCAL|DEFAULT|OLD|NEW|V\d+)|_?\d+)$/;
/** The credential words a name ends with, and what to call the value. */
const CREDENTIAL_SUFFIXES = [
    [/(^|_)(PASSWORD|PASSWD|PASSPHRASE)$/, 'password'],
    [/_(PASS|PWD)$|^(PASS|PWD)$/, 'password'],
    [/(^|_)SECRET_ACCESS_KEY$/, 'secret access key'],
    [/(^|_)(SECRET|SECRET_KEY|SECRET_TOKEN|CLIENT_SECRET|APP_SECRET|CONSUMER_SECRET)$/, 'secret'],
    [
        /(^|_)(API_KEY|APIKEY|API_SECRET|ACCESS_KEY|AUTH_KEY|MASTER_KEY|MERCHANT_KEY|SHARED_KEY)$/,
        'API key',
    ],
    [/(^|_)SHARED_SECRET$/, 'secret'],
    [/(^|_)(PRIVATE_KEY|SIGNING_KEY|SIGNING_SECRET|ENCRYPTION_KEY|HMAC_KEY)$/, 'private key'],
    [/(^|_)(TOKEN|AUTH_TOKEN|ACCESS_TOKEN|REFRESH_TOKEN|API_TOKEN|BOT_TOKEN)$/, 'token'],
    [/(^|_)CREDENTIALS?$/, 'credential'],
];
/** Django's key names: `SECRET_KEY`, `DJANGO_SECRET_KEY`, `<PREFIX>_DJANGO_SECRET_KEY`, fallbacks. */
const DJANGO_KEY_NAME = /^((\w+_)?DJANGO_)?SECRET_KEY(_FALLBACKS)?$/;
/** Whether a name is one of Django's key names (in any case), which DDG101 and DDG206–209 judge. */
function isDjangoKeyName(name) {
    return DJANGO_KEY_NAME.test(normaliseName(name));
}
/** Names that end like a credential but are not one. */
const NOT_CREDENTIAL = [
    // Django's own key (DDG101, DDG206, DDG207 judge it) and its fallbacks.
    DJANGO_KEY_NAME,
    // Anti-CSRF tokens, public keys and identifiers are meant to be seen.
    /(^|_)(CSRF|XSRF|CSRFMIDDLEWARE)(_|$)/,
    /(^|_)(PUBLIC|PUBLISHABLE|PUB|SITE)(_|$)/,
    // Names of things, not the things: `PASSWORD_FIELD`, `TOKEN_TYPE`, `API_KEY_HEADER`.
    /(^|_)(NAME|FIELD|PARAM|HEADER|TYPE|PREFIX|LENGTH|URL|URI|PATH|FILE|ID|MODEL|CLASS)_(PASSWORD|SECRET|TOKEN|KEY)$/,
    /^(RESET|CONFIRM|CHANGE|FORGOT|NEW|OLD|REPEAT|VERIFY)_PASSWORD$/,
];
/** What kind of credential a name holds (`password`, `token`, `API key`…), or undefined. */
function credentialKindOfName(name) {
    let normal = normaliseName(name);
    if (normal === '' || normal.length > 80)
        return undefined;
    if (NOT_CREDENTIAL.some((pattern) => pattern.test(normal)))
        return undefined;
    for (let i = 0; i < 3 && QUALIFIER.test(normal); i++)
        normal = normal.replace(QUALIFIER, '');
    if (NOT_CREDENTIAL.some((pattern) => pattern.test(normal)))
        return undefined;
    return CREDENTIAL_SUFFIXES.find(([pattern]) => pattern.test(normal))?.[1];
}
/**
 * A value that is itself a credential's name (`checkoutToken`, `userPassword`, `API_TOKEN`): the
 * key a token is stored under, a field or an enum member (saleor-storefront's
 * `Token = "checkoutToken"`), not the credential. Letters and `_`/`-` only: a generated value
 * has digits or no credential word at its end.
 */
function isCredentialNameValue(value) {
    return /^[A-Za-z]+(?:[_-][A-Za-z]+)*$/.test(value) && credentialKindOfName(value) !== undefined;
}
/**
 * Lower-case stems, one of which every credential name contains: the keyword prefilter of the
 * rules that look for credentials by name (short stems keep the shared prefilter regex small).
 */
const CREDENTIAL_NAME_KEYWORDS = [
    'pass',
    'secret',
    'token',
    'pwd',
    'credential',
    // `_key` rather than `key`: `key` is everywhere (dict keys, `monkey`), `_key` only in names.
    '_key',
    '-key',
    'apikey',
    'accesskey',
    'privatekey',
];

;// CONCATENATED MODULE: ./src/secrets/rules/npm-token.ts



/** `npm_` + 36 letters and digits (https://github.blog/changelog/2021-09-23-npm-has-a-new-access-token-format/). */
const NPM_TOKEN_PATTERN = /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g;
const npm_token_FORMATS = [
    {
        pattern: NPM_TOKEN_PATTERN,
        minUnique: 12,
        describe: () => 'npm access token',
        validate: hasValidTokenChecksum,
    },
];
function detectNpmTokens(file) {
    return detectTokenFormats(file, npm_token_FORMATS);
}
const npmToken = defineSecretRule({
    id: 'DDG118',
    name: 'npm-token',
    severity: 'critical',
    fix: 'Revoke the token on npmjs.com (Access Tokens) and publish with a granular token from a CI secret or with trusted publishing.',
    keywords: ['npm_'],
    detect: detectNpmTokens,
    // Each hit is one match on one line, judged by that line alone.
    scope: () => LINE_SCOPE,
    docs: {
        summary: 'An npm access token is committed.',
        whatItDoes: 'Finds npm access tokens (`npm_` followed by 36 letters and digits) in any file: `.npmrc` ' +
            '(`//registry.npmjs.org/:_authToken=…`), CI files, the frontend beside a Django backend. In ' +
            'tests, fixtures and commented-out lines a hit is at most `low`.',
        whyBad: "A publish token releases new versions of the account's packages: a malicious version " +
            'reaches every install. Read-only tokens still expose private packages.',
        badExample: {
            file: 'frontend/.npmrc',
            content: ['//registry.npmjs.org/:_authToken={{secret:npm-token}}', ''].join('\n'),
        },
        goodExample: {
            file: 'frontend/.npmrc',
            content: ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}', ''].join('\n'),
        },
        useInstead: 'Reference the token from the environment in `.npmrc` (`${NPM_TOKEN}`), keep it in the CI ' +
            'secret store, prefer granular tokens with an expiry or trusted publishing, and revoke a ' +
            'committed token.',
        references: [
            'https://docs.npmjs.com/about-access-tokens',
            'https://docs.npmjs.com/using-private-packages-in-a-ci-cd-workflow',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/openai-api-key.ts


/**
 * OpenAI secret keys hold `T3BlbkFJ` (base64 of "OpenAI") between two random parts: legacy
 * `sk-…`, project `sk-proj-…`, service-account `sk-svcacct-…` and admin `sk-admin-…` keys.
 */
const OPENAI_KEY_PATTERN = /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,256}T3BlbkFJ[A-Za-z0-9_-]{20,256}(?![A-Za-z0-9_-])/g;
const openai_api_key_FORMATS = [
    { pattern: OPENAI_KEY_PATTERN, minUnique: 16, describe: () => 'OpenAI API key' },
];
function detectOpenAiKeys(file) {
    return detectTokenFormats(file, openai_api_key_FORMATS);
}
const openaiApiKey = defineSecretRule({
    id: 'DDG120',
    name: 'openai-api-key',
    severity: 'high',
    fix: 'Revoke the key on platform.openai.com (API keys) and read a new project key from the environment.',
    keywords: ['t3blbkfj'],
    detect: detectOpenAiKeys,
    // Each hit is one match on one line, judged by that line alone.
    scope: () => LINE_SCOPE,
    docs: {
        summary: 'An OpenAI API key is committed.',
        whatItDoes: 'Finds OpenAI secret keys (`sk-`, `sk-proj-`, `sk-svcacct-`, `sk-admin-`) by the ' +
            '`T3BlbkFJ` marker every such key carries between its random parts. In tests, fixtures and ' +
            'commented-out lines a hit is at most `low`.',
        whyBad: "Usage is billed to the key's organization: leaked keys are used for free inference within " +
            'hours, up to the spending limit, and can read files, assistants and fine-tuned models of ' +
            'the project.',
        badExample: {
            file: 'assistant/settings.py',
            content: ['OPENAI_API_KEY = "{{secret:openai-api-key}}"', ''].join('\n'),
        },
        goodExample: {
            file: 'assistant/settings.py',
            content: ['import os', '', 'OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]', ''].join('\n'),
        },
        useInstead: 'Read the key from the environment or a secret store, use project keys with spending limits, ' +
            'and revoke a committed key.',
        references: [
            'https://platform.openai.com/docs/api-reference/authentication',
            'https://help.openai.com/en/articles/5112595-best-practices-for-api-key-safety',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/pypi-token.ts


/**
 * PyPI API tokens are macaroons: `pypi-` + base64 of a header naming the index (`pypi.org` is
 * `AgEIcHlwaS5vcmc`, `test.pypi.org` is `AgENdGVzdC5weXBpLm9yZw`) + the rest.
 * https://pypi.org/help/#apitoken
 */
const PYPI_TOKEN_PATTERN = /(?<![A-Za-z0-9_-])pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,}(?![A-Za-z0-9_-])/g;
const pypi_token_FORMATS = [
    {
        pattern: PYPI_TOKEN_PATTERN,
        minUnique: 16,
        describe: (match) => match[0].startsWith('pypi-AgEN') ? 'TestPyPI API token' : 'PyPI API token',
        severity: (match) => (match[0].startsWith('pypi-AgEN') ? 'medium' : undefined),
    },
];
function detectPyPiTokens(file) {
    return detectTokenFormats(file, pypi_token_FORMATS);
}
const pypiToken = defineSecretRule({
    id: 'DDG117',
    name: 'pypi-token',
    severity: 'critical',
    fix: 'Remove the token on PyPI (Account settings → API tokens) and publish with trusted publishing or a CI secret.',
    keywords: ['pypi-age'],
    detect: detectPyPiTokens,
    // Each hit is one match on one line, judged by that line alone.
    scope: () => LINE_SCOPE,
    docs: {
        summary: 'A PyPI (or TestPyPI) API token is committed.',
        whatItDoes: 'Finds PyPI API tokens: `pypi-` followed by the macaroon header for pypi.org ' +
            '(`AgEIcHlwaS5vcmc…`) or test.pypi.org (`AgENdGVzdC5weXBpLm9yZw…`), in `.pypirc`, CI ' +
            'files, scripts or settings. PyPI tokens are `critical`, TestPyPI tokens `medium`. In ' +
            'tests, fixtures and commented-out lines a hit is at most `low`.',
        whyBad: 'An upload token publishes new releases of the project (or of every project of the account, ' +
            'for an account-wide token): a malicious release reaches everyone who installs it. This is ' +
            'how supply-chain attacks on Python packages start.',
        badExample: {
            file: '.pypirc',
            content: ['[pypi]', 'username = __token__', 'password = {{secret:pypi-token}}', ''].join('\n'),
        },
        goodExample: {
            file: '.github/workflows/publish.yml',
            content: [
                'jobs:',
                '  publish:',
                '    permissions:',
                '      id-token: write',
                '    steps:',
                '      - uses: pypa/gh-action-pypi-publish@release/v1',
                '',
            ].join('\n'),
        },
        useInstead: 'Publish with trusted publishing (OIDC) so no token exists; otherwise use a project-scoped ' +
            'token stored as a CI secret. Remove any token that was committed.',
        references: ['https://pypi.org/help/#apitoken', 'https://docs.pypi.org/trusted-publishers/'],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/sendgrid-api-key.ts


/** `SG.` + 22 + `.` + 43 URL-safe base64 characters (https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys). */
const SENDGRID_API_KEY_PATTERN = /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;
const sendgrid_api_key_FORMATS = [
    { pattern: SENDGRID_API_KEY_PATTERN, minUnique: 16, describe: () => 'SendGrid API key' },
];
function detectSendGridKeys(file) {
    return detectTokenFormats(file, sendgrid_api_key_FORMATS);
}
const sendgridApiKey = defineSecretRule({
    id: 'DDG112',
    name: 'sendgrid-api-key',
    severity: 'high',
    fix: 'Delete the key in SendGrid (Settings → API Keys), create one with the least scope needed and read it from the environment.',
    keywords: ['sg.'],
    detect: detectSendGridKeys,
    // Each hit is one match on one line, judged by that line alone.
    scope: () => LINE_SCOPE,
    docs: {
        summary: 'A SendGrid API key is committed.',
        whatItDoes: 'Finds SendGrid API keys (`SG.` followed by two URL-safe base64 parts of 22 and 43 ' +
            'characters) in any file: `SENDGRID_API_KEY`, `ANYMAIL = {"SENDGRID_API_KEY": …}`, an SMTP ' +
            'password for `smtp.sendgrid.net`. In tests, fixtures and commented-out lines a hit is at ' +
            'most `low`.',
        whyBad: "A key with mail-send scope sends mail from the project's verified domain, which passes SPF " +
            "and DKIM: ideal for phishing the project's own users. Full-access keys also read contacts " +
            'and change the account. Providers suspend accounts that send abuse.',
        badExample: {
            file: 'shop/settings/production.py',
            content: [
                'EMAIL_BACKEND = "anymail.backends.sendgrid.EmailBackend"',
                'ANYMAIL = {"SENDGRID_API_KEY": "{{secret:sendgrid-api-key}}"}',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: 'shop/settings/production.py',
            content: [
                'import os',
                '',
                'EMAIL_BACKEND = "anymail.backends.sendgrid.EmailBackend"',
                'ANYMAIL = {"SENDGRID_API_KEY": os.environ["SENDGRID_API_KEY"]}',
                '',
            ].join('\n'),
        },
        useInstead: 'Read the key from the environment; give it only the Mail Send permission; delete any key ' +
            'that was committed.',
        references: [
            'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys',
            'https://anymail.dev/en/stable/esps/sendgrid/',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/sentry-auth-token.ts


/**
 * Organization tokens (`sntrys_` + base64 JSON + `_` + secret) and user tokens (`sntryu_` + 64
 * hex), https://docs.sentry.io/account/auth-tokens/; legacy auth tokens are 64 hex digits without
 * a prefix, so only on a line that names Sentry and a token.
 */
const SENTRY_TOKEN_PATTERN = /(?<![A-Za-z0-9_])(?:sntrys_[A-Za-z0-9+/=]{60,}_[A-Za-z0-9+/=]{20,}|sntryu_[0-9a-f]{64})(?![A-Za-z0-9_+/=])/g;
const LEGACY_TOKEN = /(?<![A-Za-z0-9_-])[0-9a-f]{64}(?![A-Za-z0-9_-])/g;
const sentry_auth_token_FORMATS = [
    { pattern: SENTRY_TOKEN_PATTERN, minUnique: 12, describe: () => 'Sentry auth token' },
    {
        pattern: LEGACY_TOKEN,
        minUnique: 12,
        describe: () => 'Sentry auth token',
        onLinesWith: /sentry/gi,
        accept: (_match, line) => /token/i.test(line),
    },
];
function detectSentryAuthTokens(file) {
    return detectTokenFormats(file, sentry_auth_token_FORMATS);
}
const sentryAuthToken = defineSecretRule({
    id: 'DDG115',
    name: 'sentry-auth-token',
    severity: 'high',
    fix: 'Revoke the token in Sentry (Settings → Auth Tokens) and pass a new one to CI as a secret (SENTRY_AUTH_TOKEN).',
    keywords: ['sntrys_', 'sntryu_', 'sentry'],
    detect: detectSentryAuthTokens,
    // Each hit is one match on one line, judged by that line alone.
    scope: () => LINE_SCOPE,
    docs: {
        summary: 'A Sentry auth token is committed.',
        whatItDoes: 'Finds Sentry organization auth tokens (`sntrys_…`), user auth tokens (`sntryu_` + 64 hex ' +
            'digits) anywhere, and legacy 64-hex-digit tokens on a line that names Sentry and a token ' +
            '(`SENTRY_AUTH_TOKEN=…`, `.sentryclirc`). DSNs are a different rule ' +
            '(sentry-dsn-with-secret). In tests, fixtures and commented-out lines a hit is at most `low`.',
        whyBad: 'Auth tokens drive the Sentry API: they upload releases and source maps (a way to plant ' +
            'code in stack traces shown to developers), read every event with its request data and ' +
            "personal data, and, with user tokens, act as the user across the organization's projects.",
        badExample: {
            file: '.env.ci',
            content: ['SENTRY_ORG=shop', 'SENTRY_AUTH_TOKEN={{secret:sentry-auth-token}}', ''].join('\n'),
        },
        goodExample: {
            file: '.github/workflows/release.yml',
            content: [
                'jobs:',
                '  release:',
                '    steps:',
                '      - run: sentry-cli releases new "$GITHUB_SHA"',
                '        env:',
                '          SENTRY_AUTH_TOKEN: ${{ secrets.SENTRY_AUTH_TOKEN }}',
                '',
            ].join('\n'),
        },
        useInstead: 'Keep the token in the CI secret store and pass it as `SENTRY_AUTH_TOKEN`; use an ' +
            'organization token with only the release scopes; revoke a committed token.',
        references: [
            'https://docs.sentry.io/account/auth-tokens/',
            'https://docs.sentry.io/cli/configuration/',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/slack-token.ts



/**
 * `xoxb-` bot, `xoxp-` user, `xoxa-` app, `xoxr-` refresh, `xoxs-` session tokens: dash-separated
 * groups of letters and digits (https://api.slack.com/concepts/token-types). Each group is bounded
 * and ends at a `-`, so there is no ambiguous backtracking.
 */
const SLACK_TOKEN_PATTERN = /(?<![A-Za-z0-9])xox[baprs]-[0-9A-Za-z]{1,40}(?:-[0-9A-Za-z]{1,64}){1,5}/g;
/** A bot or user token with numeric workspace and user ids and a 24+-character secret. */
const SLACK_STRUCTURED = /^xox[bp]-\d{8,14}-\d{8,14}(?:-\d{8,14})?-[0-9A-Za-z]{24,34}$/;
/**
 * Incoming webhooks (https://api.slack.com/messaging/webhooks), with or without the scheme, and
 * the older ids that had lower-case letters.
 */
const WEBHOOK = /(?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9]{6,14}\/[A-Za-z0-9]{6,14}\/[A-Za-z0-9]{16,64}/g;
/**
 * Legacy integration URLs with the token in the query: `https://team.slack.com/services/hooks/
 * travis?token=…`, `…/services/hooks/incoming-webhook?token=…`.
 */
const LEGACY_HOOK = /https?:\/\/[a-z0-9-]{1,40}\.slack\.com\/services\/hooks\/[a-z0-9_-]{1,40}\?(?:[^\s'"#&]*&)?token=([A-Za-z0-9]{16,64})/g;
/**
 * Travis CI's Slack notification written in clear: `slack: team:token` (or `- team:token#channel`
 * under `rooms:`); `secure:` values are encrypted and not matched.
 * https://docs.travis-ci.com/user/notifications/#configuring-slack-notifications
 */
const TRAVIS_SLACK = [
    /^[ \t]*slack[ \t]*:[ \t]*["']?[a-z0-9][a-z0-9-]{0,40}:([A-Za-z0-9]{20,32})(?:#[\w-]+)?["']?[ \t]*$/gm,
    /^[ \t]*-[ \t]*["']?[a-z0-9][a-z0-9-]{0,40}:([A-Za-z0-9]{20,32})(?:#[\w-]+)?["']?[ \t]*$/gm,
];
function detectSlackTokens(file) {
    const index = createLineIndex(file.content);
    const matches = [];
    for (const match of file.content.matchAll(SLACK_TOKEN_PATTERN)) {
        const token = match[0];
        if (token.length < 24 || uniqueCharCount(token.slice(5)) < 8)
            continue;
        matches.push({
            line: index.lineAt(match.index),
            column: index.columnAt(match.index),
            secret: token,
            message: `Slack ${token.slice(0, 4)} token`,
            // `xoxb-<workspace id>-<bot id>-<24 letters and digits>`: Slack's documented structure.
            ...(SLACK_STRUCTURED.test(token) ? { validated: true } : {}),
        });
    }
    for (const match of file.content.matchAll(WEBHOOK)) {
        const url = match[0];
        const secretPart = url.slice(url.lastIndexOf('/') + 1);
        if (uniqueCharCount(secretPart) < 8)
            continue;
        matches.push({
            line: index.lineAt(match.index),
            column: index.columnAt(match.index),
            secret: url,
            message: 'Slack incoming-webhook URL',
        });
    }
    for (const match of file.content.matchAll(LEGACY_HOOK)) {
        const token = match[1] ?? '';
        if (uniqueCharCount(token) < 8)
            continue;
        matches.push({
            line: index.lineAt(match.index),
            column: index.columnAt(match.index),
            secret: token,
            message: 'Slack legacy integration webhook token',
        });
    }
    const travis = /(^|\/)\.travis\.ya?ml$/.test(file.path);
    for (const pattern of travis ? TRAVIS_SLACK : []) {
        for (const match of file.content.matchAll(pattern)) {
            const token = match[1] ?? '';
            if (uniqueCharCount(token) < 8 || !/[A-Z]/.test(token) || !/[a-z]/.test(token))
                continue;
            matches.push({
                line: index.lineAt(match.index),
                column: index.columnAt(match.index),
                secret: token,
                message: 'Slack token of the Travis CI notification',
            });
        }
    }
    return matches.sort((a, b) => a.line - b.line);
}
const slackToken = defineSecretRule({
    id: 'DDG107',
    name: 'slack-token',
    severity: 'high',
    fix: 'Revoke the token (or regenerate the webhook) in the Slack app settings and pass the new one through the environment.',
    keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-', 'slack'],
    detect: detectSlackTokens,
    // Each hit is one match on one line, judged by that line alone.
    scope: () => LINE_SCOPE,
    docs: {
        summary: 'A Slack token or incoming-webhook URL is committed.',
        whatItDoes: 'Finds Slack API tokens (`xoxb-`, `xoxp-`, `xoxa-`, `xoxr-`, `xoxs-` followed by ' +
            'dash-separated groups), incoming-webhook URLs (`https://hooks.slack.com/services/T…/B…/…`, ' +
            'also without the scheme), legacy integration URLs with the token in the query ' +
            '(`https://team.slack.com/services/hooks/travis?token=…`) and the Travis CI notification ' +
            'written in clear in `.travis.yml` (`slack: team:token`), ' +
            'for example in Django `LOGGING` handlers or error-reporting settings. Stand-ins with little ' +
            'character variety are ignored.',
        whyBad: 'A bot or user token reads and posts messages as the app or person, often across every ' +
            'channel it can see; a webhook URL lets anyone post into the channel, a ready phishing tool. ' +
            'Both remain valid until revoked.',
        badExample: {
            file: 'config/settings/production.py',
            content: [
                'SLACK_WEBHOOK_URL = "{{secret:slack-webhook}}"',
                'SLACK_BOT_TOKEN = "{{secret:slack-token}}"',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: 'config/settings/production.py',
            content: [
                'import os',
                '',
                'SLACK_WEBHOOK_URL = os.environ["SLACK_WEBHOOK_URL"]',
                'SLACK_BOT_TOKEN = os.environ["SLACK_BOT_TOKEN"]',
                '',
            ].join('\n'),
        },
        useInstead: 'Keep tokens and webhook URLs in the deployment environment or a secret store, and rotate ' +
            'any that were committed (Slack app settings → OAuth & Permissions / Incoming Webhooks).',
        references: [
            'https://api.slack.com/concepts/token-types',
            'https://api.slack.com/authentication/best-practices',
            'https://api.slack.com/messaging/webhooks',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/stripe-secret-key.ts



/** Secret (`sk_`) and restricted (`rk_`) keys: https://docs.stripe.com/keys */
const STRIPE_KEY_PATTERN = /(?<![A-Za-z0-9_])([sr]k)_(live|test)_([0-9A-Za-z]{24,247})(?![A-Za-z0-9_])/g;
function detectStripeKeys(file) {
    const index = createLineIndex(file.content);
    const matches = [];
    for (const match of file.content.matchAll(STRIPE_KEY_PATTERN)) {
        const [key, type, mode, body] = match;
        if (uniqueCharCount(body ?? '') < 10)
            continue;
        const live = mode === 'live';
        const what = type === 'rk' ? 'restricted key' : 'secret key';
        const found = {
            line: index.lineAt(match.index),
            column: index.columnAt(match.index),
            secret: key,
            message: live ? `Stripe live ${what}` : `Stripe test-mode ${what}`,
        };
        // Test-mode keys move no money but still expose the account's test data and settings.
        if (!live)
            found.severity = 'low';
        // A live key's prefix is Stripe's own and proves the mode: no context makes it harmless.
        else
            found.validated = true;
        matches.push(found);
    }
    return matches;
}
const stripeSecretKey = defineSecretRule({
    id: 'DDG108',
    name: 'stripe-secret-key',
    severity: 'critical',
    fix: 'Roll the key in the Stripe dashboard and read it from the environment (e.g. STRIPE_SECRET_KEY).',
    keywords: ['sk_live_', 'rk_live_', 'sk_test_', 'rk_test_'],
    detect: detectStripeKeys,
    // Each hit is one match on one line, judged by that line alone.
    scope: () => LINE_SCOPE,
    docs: {
        summary: 'A Stripe secret or restricted key is committed.',
        whatItDoes: 'Finds Stripe secret keys (`sk_live_`, `sk_test_`) and restricted keys (`rk_live_`, ' +
            '`rk_test_`) followed by at least 24 letters and digits. Live keys are `critical`; test-mode ' +
            'keys are `low`. Publishable keys (`pk_…`) are meant to be public and are not reported.',
        whyBad: 'A live secret key can create charges and refunds, read customer and payment data and change ' +
            'the account. Stripe and attackers scan public code for the prefix; the key works until it ' +
            'is rolled.',
        badExample: {
            file: 'shop/settings.py',
            content: ['STRIPE_SECRET_KEY = "{{secret:stripe-live-key}}"', ''].join('\n'),
        },
        goodExample: {
            file: 'shop/settings.py',
            content: [
                'import os',
                '',
                'STRIPE_SECRET_KEY = os.environ["STRIPE_SECRET_KEY"]',
                'STRIPE_PUBLISHABLE_KEY = "pk_live_0000000000000000000000000"',
                '',
            ].join('\n'),
        },
        useInstead: 'Load the key from the environment or a secret manager; use restricted keys with the minimum ' +
            'permissions; roll any key that was committed.',
        references: [
            'https://docs.stripe.com/keys',
            'https://docs.stripe.com/keys-best-practices',
            'https://docs.stripe.com/keys#rolling-keys',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/telegram-bot-token.ts


/**
 * `<bot id>:<35 characters>`; the secret part of every token issued since 2015 starts with `AA`
 * (https://core.telegram.org/bots/api#authorizing-your-bot).
 */
const TELEGRAM_BOT_TOKEN_PATTERN = /(?<![A-Za-z0-9_:-])\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/g;
const telegram_bot_token_FORMATS = [
    { pattern: TELEGRAM_BOT_TOKEN_PATTERN, minUnique: 12, describe: () => 'Telegram bot token' },
];
function detectTelegramBotTokens(file) {
    return detectTokenFormats(file, telegram_bot_token_FORMATS);
}
const telegramBotToken = defineSecretRule({
    id: 'DDG111',
    name: 'telegram-bot-token',
    severity: 'high',
    fix: 'Revoke the token with @BotFather (/revoke), and read the new one from the environment.',
    keywords: [':aa'],
    detect: detectTelegramBotTokens,
    // Each hit is one match on one line, judged by that line alone.
    scope: () => LINE_SCOPE,
    docs: {
        summary: 'A Telegram bot token is committed.',
        whatItDoes: 'Finds Telegram Bot API tokens: a numeric bot id of 8 to 10 digits, `:`, then 35 ' +
            'characters starting with `AA`, in any file (notification settings, logging handlers, ' +
            'scripts). In tests, fixtures and commented-out lines a hit is at most `low`.',
        whyBad: 'The token is the bot: whoever has it reads every message sent to the bot, posts as it in ' +
            'every chat it belongs to (alerts channels, customer groups) and can change its webhook to ' +
            'intercept updates. It stays valid until it is revoked.',
        badExample: {
            file: 'alerts/settings.py',
            content: ['TELEGRAM_BOT_TOKEN = "{{secret:telegram-bot-token}}"', ''].join('\n'),
        },
        goodExample: {
            file: 'alerts/settings.py',
            content: ['import os', '', 'TELEGRAM_BOT_TOKEN = os.environ["TELEGRAM_BOT_TOKEN"]', ''].join('\n'),
        },
        useInstead: 'Keep the token in the deployment environment or a secret store; revoke a committed token ' +
            'with @BotFather and issue a new one.',
        references: [
            'https://core.telegram.org/bots/api#authorizing-your-bot',
            'https://core.telegram.org/bots/features#botfather',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/named-credential-literal.ts





















/**
 * Values another detector recognises by their shape and reports with more to say (rotation
 * advice for the vendor, pairing): this rule leaves them to it, so one value is one finding.
 */
const OWNED_BY_FORMAT_RULES = [
    AWS_ACCESS_KEY_ID_PATTERN,
    ...GITHUB_TOKEN_PATTERNS,
    GITLAB_TOKEN_PATTERN,
    GOOGLE_API_KEY_PATTERN,
    MAILGUN_LEGACY_KEY_PATTERN,
    NPM_TOKEN_PATTERN,
    OPENAI_KEY_PATTERN,
    PYPI_TOKEN_PATTERN,
    SENDGRID_API_KEY_PATTERN,
    SENTRY_TOKEN_PATTERN,
    SLACK_TOKEN_PATTERN,
    STRIPE_KEY_PATTERN,
    TELEGRAM_BOT_TOKEN_PATTERN,
].map((pattern) => new RegExp(pattern.source, pattern.flags.replace('g', '')));
/**
 * A line that may hold a credential name: one of the stems of every credential name
 * (case-insensitive), in one regex pass over the file.
 */
const LINE_HINT = new RegExp(CREDENTIAL_NAME_KEYWORDS.join('|'), 'gi');
/**
 * LINE_HINT cut down to the stems the text holds (`file.keywords`): the same lines, found about
 * three times faster when one or two stems occur (measured on wagtail's files), since a search
 * for a few literals skips where ten alternatives are tried at every position.
 */
const lineHints = new Map();
function lineHintFor(keywords) {
    const stems = keywords ? CREDENTIAL_NAME_KEYWORDS.filter((stem) => keywords.has(stem)) : [];
    if (stems.length === 0 || stems.length === CREDENTIAL_NAME_KEYWORDS.length)
        return LINE_HINT;
    const key = stems.join('|');
    let hint = lineHints.get(key);
    if (!hint) {
        hint = new RegExp(key, 'gi');
        lineHints.set(key, hint);
    }
    return hint;
}
/** `eyJ…` JWTs, PEM blocks and URLs are judged by their own rules. */
const OWNED_SHAPES = /^(eyJ[\w-]+\.eyJ|-----BEGIN |[a-z][a-z0-9+.-]*:\/\/)/i;
function isOwnedElsewhere(value, content, kind) {
    if (OWNED_SHAPES.test(value))
        return true;
    if (OWNED_BY_FORMAT_RULES.some((pattern) => pattern.test(value)))
        return true;
    if (VENDOR_PREFIX.test(value) && !/^whsec_[A-Za-z0-9]{24,}$/.test(value))
        return true;
    // An AWS secret next to its key id is reported as a pair by aws-access-key.
    return kind === 'secret access key' && AWS_KEY_ID.test(content);
}
const AWS_KEY_ID = /(?:AKIA|ASIA)[A-Z0-9]{16}/;
/**
 * `'HOST': '…'` / `'ENGINE': '…'` entries of a Django DATABASES dict on one line, also as the
 * literal default of an env read (`'HOST': os.environ.get('DB_HOST', 'database')`).
 */
const DATABASE_ENTRY = /["'](HOST|ENGINE)["']\s*:\s*(?:[\w.]+\(\s*["'][^"']*["']\s*,\s*(?:default\s*=\s*)?)?["']([^"']*)["']/;
/**
 * A vendor's prefix on a value that the vendor's rule did not recognise is a stand-in for that
 * vendor's token (`sk_test_x`, `ghp_yourtoken`, `xoxb-your-token`): a real one would have matched.
 */
const VENDOR_PREFIX = /^(?:[srp]k_(?:live|test)_|gh[pousr]_|github_pat_|xox[abprs]-|AKIA|ASIA|AIza|SG\.|gl(?:pat|dt|rt|ptt)-|npm_|pypi-|sntry[su]_|key-|sk-(?:proj-)?|whsec_)/;
/**
 * The HOST and ENGINE written next to a password (within the 8 lines around it, the size of a
 * DATABASES entry), so the default-credential judgement can tell a local database's password.
 * Outside Python the host is a sibling setting named `*_HOST` (`POSTGRES_HOST=localhost` beside
 * `POSTGRES_PASSWORD=…` in a script or compose file).
 */
function databaseNeighbours(lines, line) {
    const found = {};
    for (let i = Math.max(0, line - 9); i < Math.min(lines.length, line + 8); i++) {
        const text = lines[i] ?? '';
        const entry = DATABASE_ENTRY.exec(text);
        if (entry?.[1] === 'HOST')
            found.host ??= entry[2] ?? '';
        if (entry?.[1] === 'ENGINE')
            found.engine ??= entry[2] ?? '';
        if (entry || i === line - 1)
            continue;
        const sibling = SIBLING.exec(text);
        if (sibling && /(^|_)HOST$/.test(normaliseName(sibling[1] ?? '')))
            found.host ??= sibling[2] ?? '';
    }
    return found;
}
/**
 * `KEY: value` / `KEY=value` / `export KEY=value` / `'KEY': 'value'` on a line: a sibling setting
 * and its value.
 */
const SIBLING = /^[\s-]*(?:export[ \t]+)?["']?([A-Za-z_][\w.-]{0,80})["']?[ \t]*(?:=|:)[ \t]*["']?([^"'\s,#]{1,200})["']?/;
/** Siblings whose value a password must not equal: the user, the database, the service. */
const IDENTITY_NAME = /(USER|USERNAME|LOGIN|DATABASE|DB|NAME|HOST|SCHEMA)$/;
/**
 * Why a value is the credential of a local setup rather than a secret: it repeats its own name
 * (`paperlessng_superuser_password: paperlessng`, `"remove_password": "RemovePassword"`), it
 * equals a sibling user, database or host value within 8 lines (a compose stack's
 * `MARIADB_USER: dockvault` / `MARIADB_PASSWORD: dockvault`), or it is a typed default
 * (`pa55word`, `1234`).
 */
function localSetupReason(name, value, lines, line) {
    const lower = value.toLowerCase();
    const normalName = normaliseName(name);
    if (normaliseName(value) === normalName)
        return 'the value is its own name';
    if (normalName.split('_').some((word) => word.length >= 4 && word.toLowerCase() === lower))
        return 'the value repeats its own name';
    if (isTypedPassword(value))
        return 'a well-known default password';
    for (let i = Math.max(0, line - 9); i < Math.min(lines.length, line + 8); i++) {
        if (i === line - 1)
            continue;
        const sibling = SIBLING.exec(lines[i] ?? '');
        if (!sibling)
            continue;
        if (!IDENTITY_NAME.test(normaliseName(sibling[1] ?? '')))
            continue;
        if ((sibling[2] ?? '').toLowerCase() === lower)
            return 'the password is the user, database or host name beside it';
    }
    return undefined;
}
/**
 * A committed .env file is one finding, naming its secret keys (dotenv-file-committed); a
 * translation catalogue's `"password": "Contraseña"` is a form label in one language.
 */
function isLeftToOthers(path) {
    return isDotenvPath(path) || isTranslationPath(path);
}
function detectNamedCredentials(file) {
    if (isLeftToOthers(file.path))
        return [];
    const settings = isSettingsShapedPath(file.path);
    let index;
    let lines;
    const matches = [];
    // A lower-case `secret_key` in application code is not Django's key (DDG101 leaves it), but it
    // is still a credential by name.
    const kindOf = (name) => credentialKindOfName(name) ??
        (isDjangoKeyName(name) && !settings && name !== name.toUpperCase() ? 'secret' : undefined);
    const values = findNamedValues(file.path, file.content, (name) => kindOf(name) !== undefined, lineHintFor(file.keywords));
    const python = /\.pyw?$/.test(file.path);
    const test = isTestPath(file.path);
    for (const named of values) {
        const kind = kindOf(named.name) ?? 'credential';
        const value = named.value.trim();
        if (!isPlausibleCredential(value) && defaultCredentialReason({ password: value }) === undefined)
            continue;
        if (isPasswordHash(value) || isCredentialNameValue(value))
            continue;
        if (isOwnedElsewhere(value, file.content, kind))
            continue;
        // Application code maps names to names (`"remove_password": "checksum"`); a credential there
        // has more than lower-case letters.
        if (python && !settings && /^[a-z]+$/.test(value))
            continue;
        // Test code logs in with made-up passwords and tokens: a name alone proves nothing there (54
        // of 80 low false alarms on six public histories). Vendor formats are other rules' and keep
        // their severity when validated.
        if (test)
            continue;
        lines ??= file.content.split(/\r\n|\r|\n/);
        const defaultReason = defaultCredentialReason({
            password: value,
            ...(kind === 'password' ? databaseNeighbours(lines, named.line) : {}),
        }) ?? localSetupReason(named.name, value, lines, named.line);
        const where = settings ? 'in settings' : `(${named.form})`;
        const match = {
            line: named.line,
            column: (index ??= createLineIndex(file.content)).columnAt(named.offset),
            secret: value,
            message: defaultReason
                ? `${named.name} holds a default credential (${defaultReason}) ${where}`
                : `${named.name} is assigned a literal ${kind} ${where}`,
        };
        // Settings-shaped files are where Django reads credentials; elsewhere the name is a weaker hint.
        if (defaultReason) {
            match.severity = 'low';
            match.defaultCredential = true;
        }
        else if (settings)
            match.severity = 'high';
        matches.push(match);
    }
    return matches;
}
const namedCredentialLiteral = defineSecretRule({
    id: 'DDG122',
    name: 'named-credential-literal',
    severity: 'medium',
    fix: 'Read the value from the environment (or a secret store) instead of the file, and rotate the committed credential.',
    keywords: CREDENTIAL_NAME_KEYWORDS,
    // Values in CI files and documentation are usually throwaway or illustrative.
    lowIn: ['ci', 'docs'],
    detect: detectNamedCredentials,
    ignoresPath: isLeftToOthers,
    // A hit reads the 9 lines around it (host, engine, user), and whether an AWS key id is anywhere
    // in the file (isOwnedElsewhere).
    scope: () => ({ kind: 'lines', radius: 9, unlessInFile: AWS_KEY_ID }),
    docs: {
        summary: 'A value assigned to a credential-named key (`*_PASSWORD`, `*_TOKEN`, `*_API_KEY`…) is a literal.',
        whatItDoes: 'Reads assignments line by line in Python (`NAME = "…"`, keyword arguments, dict entries, ' +
            'env-read defaults such as `os.environ.get("NAME", "…")` and `env("NAME", default="…")`), ' +
            'JavaScript/TypeScript (`const NAME = "…"`, `name: "…"` in object literals), ' +
            'YAML, JSON, INI, TOML, shell scripts, Dockerfiles and documentation (committed .env files ' +
            'are one finding each, by dotenv-file-committed), and ' +
            'reports a literal given to a name that says it is a credential: ending in PASSWORD, PASSWD, ' +
            "PASSPHRASE, PASS, PWD, SECRET, SECRET_KEY (not Django's own), SECRET_ACCESS_KEY, " +
            'CLIENT_SECRET, TOKEN, AUTH_TOKEN, ACCESS_TOKEN, API_KEY, ACCESS_KEY, PRIVATE_KEY, ' +
            'SIGNING_KEY or CREDENTIALS, in any case or spelling (`clientSecret`, `api-key`), also with ' +
            'a suffix such as `_PROD`. Public values (`*_PUBLIC_KEY`, `*_PUBLISHABLE_KEY`, anti-CSRF ' +
            'tokens) and names of things (`PASSWORD_FIELD`, `TOKEN_TYPE`) are not credentials. The value ' +
            'must pass a strength test: at least 8 characters without spaces, some variety, not a ' +
            'placeholder, template, env variable name, path or identifier; a value that is its own name, ' +
            'equals the user or database beside it, or is a typed default (`pa55word`) is a default ' +
            'credential (`low`). Values another rule recognises by their shape ' +
            '(vendor tokens, URLs with a password, JWTs, PEM keys) are left to it. Severity `high` in ' +
            'settings-shaped Python files, `medium` elsewhere, `low` for a well-known default password, ' +
            'and at most `low` on commented-out lines, in tests, fixtures, CI configuration and ' +
            'documentation. Translation catalogues (key-to-text maps under `i18n/`, `locale(s)/`, ' +
            '`lang(s)/`, `translation(s)/`) are not read: their values are labels in a language. The message names the key and never the value. The evaluated production ' +
            'settings are judged more precisely by credential-setting-literal (DDG226).',
        whyBad: 'A password or token in a committed file is readable by everyone with access to the ' +
            'repository, its forks, CI caches and history, and it stays in history after it is ' +
            'removed. Credentials that are not in a vendor format are invisible to most scanners, so ' +
            'they tend to stay valid for years.',
        badExample: {
            file: 'deploy/values.yaml',
            content: [
                'app:',
                '  database:',
                '    host: db.internal.example.com',
                '    password: "{{secret:db-password}}"',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: 'deploy/values.yaml',
            content: [
                'app:',
                '  database:',
                '    host: db.internal.example.com',
                '    password: ${DATABASE_PASSWORD}',
                '',
            ].join('\n'),
        },
        useInstead: 'Reference the value from the environment (`${VAR}`, `env("VAR")`, `os.environ["VAR"]`) ' +
            "or the platform's secret store, keep placeholders in committed templates, and rotate any " +
            'credential that was committed.',
        references: [
            'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/',
            'https://12factor.net/config',
            'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/private-key-committed.ts



const BEGIN = /-----BEGIN ((?:RSA |EC |DSA |ENCRYPTED |OPENSSH )?)PRIVATE KEY-----/g;
/** How far an END marker is looked for; a 16384-bit RSA key in PEM is about 13 KB. */
const MAX_BLOCK = 64 * 1024;
const MIN_BODY = 64;
/**
 * The base64 body of a block: whitespace, escaped newlines (`\n` inside JSON or Python strings),
 * string quoting and RFC 1421 headers (`Proc-Type:`, `DEK-Info:`) removed.
 */
function bodyOf(block) {
    return block
        .replace(/\\[nr]/g, '\n')
        .split(/\r\n|\r|\n/)
        .filter((line) => !line.includes(':'))
        .join('')
        .replace(/["'+,\s]/g, '');
}
function detectPrivateKeys(file) {
    const { content } = file;
    const index = createLineIndex(content);
    const matches = [];
    // Next END marker per type, so many BEGIN markers without an END do not rescan the file.
    const nextEnd = new Map();
    for (const begin of content.matchAll(BEGIN)) {
        const type = begin[1] ?? '';
        const bodyStart = begin.index + begin[0].length;
        const cached = nextEnd.get(type);
        const endIndex = cached !== undefined && (cached === -1 || cached >= bodyStart)
            ? cached
            : content.indexOf(`-----END ${type}PRIVATE KEY-----`, bodyStart);
        nextEnd.set(type, endIndex);
        if (endIndex === -1 || endIndex - bodyStart > MAX_BLOCK)
            continue;
        const body = bodyOf(content.slice(bodyStart, endIndex));
        // A documentation stub (`...`, `<key>`, `MIIE…`) is not a key: ask for a real base64 body.
        if (body.length < MIN_BODY || !/^[A-Za-z0-9+/=]+$/.test(body) || uniqueCharCount(body) < 16)
            continue;
        matches.push({
            line: index.lineAt(begin.index),
            endLine: index.lineAt(endIndex),
            column: index.columnAt(begin.index),
            secret: body,
            message: `${type.trim() === '' ? '' : `${type.trim()} `}private key block committed`,
        });
    }
    return matches;
}
const privateKeyCommitted = defineSecretRule({
    id: 'DDG103',
    name: 'private-key-committed',
    severity: 'critical',
    fix: 'Remove the key from the repository, revoke it wherever it is trusted and load a new one from a secret store at runtime.',
    keywords: ['private key-----'],
    detect: detectPrivateKeys,
    docs: {
        summary: 'A PEM or OpenSSH private key is committed.',
        whatItDoes: 'Finds `-----BEGIN PRIVATE KEY-----` blocks (also RSA, EC, DSA, ENCRYPTED and OPENSSH) that ' +
            'have a matching END marker and a base64 body of at least 64 characters, including keys ' +
            'embedded in JSON or Python strings with `\\n` escapes (e.g. a service-account file). It ' +
            'reports the BEGIN line and the END line. Stubs such as `...` or `<your key>` are ignored.',
        whyBad: 'A private key proves identity: whoever holds it can sign JWTs, decrypt TLS traffic, log in ' +
            'over SSH, push to deploy targets or impersonate a service account. A key in git is readable ' +
            'by every clone and stays in history after deletion; an ENCRYPTED key is only as strong as ' +
            'its passphrase, which can be attacked offline.',
        badExample: {
            file: 'deploy/jwt-signing.pem',
            content: '{{secret:pem-private-key}}\n',
        },
        goodExample: {
            file: 'deploy/README.md',
            content: [
                'The signing key is mounted from the secret store at /run/secrets/jwt-signing.pem.',
                'It looks like:',
                '',
                '    -----BEGIN PRIVATE KEY-----',
                '    ...',
                '    -----END PRIVATE KEY-----',
                '',
            ].join('\n'),
        },
        useInstead: 'Keep keys in a secret manager or the platform (Docker/Kubernetes secrets, GitHub Actions ' +
            'secrets, a KMS) and read them from a file path or environment variable at runtime. Revoke ' +
            'and replace a key that was committed.',
        references: [
            'https://datatracker.ietf.org/doc/html/rfc7468',
            'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/reviewing-your-ssh-keys',
            'https://docs.github.com/en/code-security/secret-scanning/working-with-secret-scanning-and-push-protection/remediating-a-leaked-secret',
            'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/sentry-dsn-with-secret.ts



/**
 * Old-format Sentry DSNs carry a secret key after the public one:
 * `https://<public key>:<secret key>@sentry.io/<project id>`. Current DSNs hold only the public
 * key and are meant to be public; the secret part is deprecated but still accepted by self-hosted
 * Sentry, and it is a credential.
 * https://develop.sentry.dev/sdk/overview/#parsing-the-dsn
 */
/** `https://<32 hex>:<32 hex>@host/<project id>`: an old-format DSN with its secret key. */
function isSentryDsnWithSecret(credentials) {
    return ((credentials.scheme === 'https' || credentials.scheme === 'http') &&
        /^[0-9a-f]{32}$/.test(credentials.user) &&
        /^[0-9a-f]{32}$/.test(credentials.password) &&
        /^(?:[\w.-]+\/)*\d+\/?$/.test(credentials.path) &&
        new Set(credentials.password).size >= 8);
}
function detectSentryDsnSecrets(file) {
    const index = createLineIndex(file.content);
    const matches = [];
    for (const credentials of findUrlCredentials(file.content)) {
        if (!isSentryDsnWithSecret(credentials))
            continue;
        matches.push({
            line: index.lineAt(credentials.passwordIndex),
            column: index.columnAt(credentials.index),
            secret: credentials.password,
            message: `Sentry DSN with its secret key (old format) for host ${credentials.host}`,
        });
    }
    return matches;
}
const sentryDsnWithSecret = defineSecretRule({
    id: 'DDG116',
    name: 'sentry-dsn-with-secret',
    severity: 'medium',
    fix: 'Use the DSN without its secret part (Client Keys page), revoke the old key, and read SENTRY_DSN from the environment.',
    keywords: ['sentry', 'raven', 'dsn'],
    detect: detectSentryDsnSecrets,
    // Each hit is one match on one line, judged by that line alone.
    scope: () => LINE_SCOPE,
    docs: {
        summary: 'A Sentry DSN in the old format, with its secret key, is committed.',
        whatItDoes: 'Finds `https://<public key>:<secret key>@host/<project id>` DSNs (two 32-hex-digit keys ' +
            'and a numeric project id) in any file: `SENTRY_DSN` settings, `sentry_sdk.init(dsn=…)`, ' +
            '`RAVEN_CONFIG`. Current DSNs without the `:secret` part are public by design and not ' +
            'reported. The secret key is hashed for the fingerprint and never shown. In tests, fixtures ' +
            'and commented-out lines a hit is at most `low`.',
        whyBad: 'The secret key authenticated server-side clients in the old protocol: with it, anyone can ' +
            'post events into the project (exhausting its quota or hiding real errors in noise), and ' +
            'self-hosted installs still accept it. Severity medium: the reach is the error tracker, not ' +
            "the project's data.",
        badExample: {
            file: 'config/settings/production.py',
            content: [
                'import sentry_sdk',
                '',
                'sentry_sdk.init(dsn="{{secret:sentry-dsn-secret}}")',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: 'config/settings/production.py',
            content: [
                'import os',
                '',
                'import sentry_sdk',
                '',
                'sentry_sdk.init(dsn=os.environ.get("SENTRY_DSN"))',
                '',
            ].join('\n'),
        },
        useInstead: "Copy the current DSN (public key only) from the project's Client Keys page, read it from " +
            'the environment, and revoke the key whose secret was committed.',
        references: [
            'https://docs.sentry.io/concepts/key-terms/dsn-explainer/',
            'https://develop.sentry.dev/sdk/overview/#parsing-the-dsn',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/twilio-auth-token.ts


/**
 * Twilio auth tokens and API key secrets are 32 characters with no prefix, so the shape alone
 * proves nothing: a 32-hex-digit word counts on a line that names Twilio and a token or secret
 * (`TWILIO_AUTH_TOKEN = "…"`), or as the password of an `AC…` account SID in a URL. Account and
 * API key SIDs (`AC…`, `SK…`) are identifiers, not secrets.
 * https://www.twilio.com/docs/iam/credentials/api
 */
const TOKEN_ON_TWILIO_LINE = /(?<![A-Za-z0-9_-])[0-9a-f]{32}(?![A-Za-z0-9_-])/g;
const SID_WITH_TOKEN = /(?<![A-Za-z0-9_-])AC[0-9a-f]{32}:([0-9a-f]{32})@/g;
const twilio_auth_token_FORMATS = [
    {
        pattern: TOKEN_ON_TWILIO_LINE,
        minUnique: 7,
        describe: () => 'Twilio auth token',
        onLinesWith: /twilio/gi,
        accept: (_match, line) => /token|secret|auth/i.test(line),
    },
    {
        pattern: SID_WITH_TOKEN,
        secretGroup: 1,
        minUnique: 7,
        describe: () => 'Twilio auth token in a URL with its account SID',
    },
];
function detectTwilioTokens(file) {
    return detectTokenFormats(file, twilio_auth_token_FORMATS);
}
const twilioAuthToken = defineSecretRule({
    id: 'DDG114',
    name: 'twilio-auth-token',
    severity: 'high',
    fix: 'Rotate the auth token (or delete the API key) in the Twilio console and read the new one from the environment.',
    keywords: ['twilio'],
    detect: detectTwilioTokens,
    // Each hit is one match on one line, judged by that line alone.
    scope: () => LINE_SCOPE,
    docs: {
        summary: 'A Twilio auth token or API key secret is committed.',
        whatItDoes: 'Finds 32-hex-digit Twilio secrets on a line that names Twilio and a token, secret or auth ' +
            '(`TWILIO_AUTH_TOKEN = "…"`, `"twilio": {"auth_token": …}`), and the password of an ' +
            '`AC…` account SID in a URL. Account SIDs (`AC…`) and API key SIDs (`SK…`) alone are ' +
            'identifiers and are not reported. In tests, fixtures and commented-out lines a hit is at ' +
            'most `low`.',
        whyBad: 'The auth token is the account password for the API: it sends SMS and makes calls on the ' +
            "project's bill (toll fraud runs up thousands quickly), reads message logs with customers' " +
            'phone numbers, and can buy numbers or change webhooks.',
        badExample: {
            file: 'notify/settings.py',
            content: [
                'TWILIO_ACCOUNT_SID = "AC00000000000000000000000000000000"',
                'TWILIO_AUTH_TOKEN = "{{secret:twilio-auth-token}}"',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: 'notify/settings.py',
            content: [
                'import os',
                '',
                'TWILIO_ACCOUNT_SID = os.environ["TWILIO_ACCOUNT_SID"]',
                'TWILIO_AUTH_TOKEN = os.environ["TWILIO_AUTH_TOKEN"]',
                '',
            ].join('\n'),
        },
        useInstead: 'Use an API key (SK… SID plus secret) scoped to the application, read it from the ' +
            'environment, and rotate the primary auth token if it was committed.',
        references: [
            'https://www.twilio.com/docs/iam/credentials/api',
            'https://www.twilio.com/docs/usage/security#protect-your-twilio-credentials',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/index.ts






















/** Every secret detector, sorted by id. */
const secretRules = [
    djangoSecretKeyCommitted, // DDG101
    dotenvFileCommitted, // DDG102
    privateKeyCommitted, // DDG103
    databaseUrlWithPassword, // DDG104
    awsAccessKey, // DDG105
    githubToken, // DDG106
    slackToken, // DDG107
    stripeSecretKey, // DDG108
    emailUrlWithPassword, // DDG109
    googleApiKey, // DDG110
    telegramBotToken, // DDG111
    sendgridApiKey, // DDG112
    mailgunApiKey, // DDG113
    twilioAuthToken, // DDG114
    sentryAuthToken, // DDG115
    sentryDsnWithSecret, // DDG116
    pypiToken, // DDG117
    npmToken, // DDG118
    gitlabToken, // DDG119
    openaiApiKey, // DDG120
    jwtCommitted, // DDG121
    namedCredentialLiteral, // DDG122
];

;// CONCATENATED MODULE: external "node:buffer"
const external_node_buffer_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");
;// CONCATENATED MODULE: ./src/core/text-decode.ts

/**
 * Turns blob bytes into text the detectors can read. Pure.
 *
 * Binary means not decodable as text, decided on the first 8000 bytes (git's own sample,
 * `buffer_is_binary`, xdiff-interface.c, FIRST_FEW_BYTES = 8000): a UTF-16 byte-order mark means
 * UTF-16 text (decoded as such, NULs and all); otherwise more than MAX_STRAY_NULS NUL bytes means
 * binary. Git's rule (one NUL is binary) let a single NUL hide a script holding a key.
 * Text: strict UTF-8 first; bytes that aren't valid UTF-8 are read as Latin-1, so a settings file
 * saved in ISO-8859-1 is still scanned (every byte maps to one code point, line breaks stay put).
 */
const FIRST_FEW_BYTES = 8000;
/** NUL bytes tolerated in the sample of a text file (a stray `\0` pasted into a comment). */
const MAX_STRAY_NULS = 4;
/**
 * Files (tree) and blobs (history) larger than this are read up to it; the rest is not scanned.
 * Documented in the README.
 */
const DEFAULT_MAX_FILE_BYTES = (/* unused pure expression or super */ null && (2 * 1024 * 1024));
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const latin1 = new TextDecoder('latin1');
/** True for bytes that start with a UTF-16 byte-order mark (their ASCII is not contiguous). */
function hasUtf16Bom(bytes) {
    return utf16Order(bytes) !== undefined;
}
/** The UTF-16 byte order a byte-order mark announces, if any. */
function utf16Order(bytes) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe)
        return 'utf-16le';
    if (bytes[0] === 0xfe && bytes[1] === 0xff)
        return 'utf-16be';
    return undefined;
}
function isBinaryContent(bytes) {
    if (utf16Order(bytes) !== undefined)
        return false;
    // A Buffer view (no copy): its indexOf is memchr, ~30x faster than a loop over the bytes,
    // which showed up in history scans that test every blob.
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, FIRST_FEW_BYTES));
    let nuls = 0;
    for (let at = head.indexOf(0); at !== -1; at = head.indexOf(0, at + 1))
        if (++nuls > MAX_STRAY_NULS)
            return true;
    return false;
}
/** Decoded text, or undefined for binary content. */
function decodeBlob(bytes, truncated = false) {
    if (isBinaryContent(bytes))
        return undefined;
    const order = utf16Order(bytes);
    if (order !== undefined) {
        // A cut at the size limit may split a code unit: drop the odd byte. The BOM is not text.
        const whole = truncated ? bytes.subarray(0, bytes.length - (bytes.length % 2)) : bytes;
        return new TextDecoder(order, { ignoreBOM: false }).decode(whole);
    }
    // Most source is ASCII, which every decoder here maps byte for byte: a native ASCII check and
    // a Latin-1 copy (the same string) cost less than UTF-8 validation and decoding.
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    if ((0,external_node_buffer_namespaceObject.isAscii)(view))
        return view.toString('latin1');
    try {
        // A cut at the size limit may split a multi-byte character: decode in streaming mode so the
        // dangling bytes are dropped instead of failing the whole blob over to Latin-1.
        return truncated ? utf8.decode(bytes, { stream: true }) : utf8.decode(bytes);
    }
    catch {
        return latin1.decode(bytes);
    }
    finally {
        if (truncated) {
            // Reset the streaming decoder's state for the next blob.
            try {
                utf8.decode();
            }
            catch {
                // Dangling partial character: dropped on purpose.
            }
        }
    }
}
/**
 * Whether `decodeBlob` reads these (whole, untruncated) bytes as UTF-8 with nothing dropped: valid
 * UTF-8, no byte-order mark. Any slice of such bytes cut at line breaks then decodes, with
 * `decodeUtf8Slice`, to exactly the characters `decodeBlob` gives for that part of the whole.
 */
function isPlainUtf8(bytes) {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
        return false;
    if (utf16Order(bytes) !== undefined)
        return false;
    return (0,external_node_buffer_namespaceObject.isUtf8)(bytes);
}
/** A slice of `isPlainUtf8` bytes (cut at line breaks) as text; undefined if it isn't UTF-8. */
function decodeUtf8Slice(bytes) {
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    if ((0,external_node_buffer_namespaceObject.isAscii)(view))
        return view.toString('latin1');
    return (0,external_node_buffer_namespaceObject.isUtf8)(view) ? view.toString('utf8') : undefined;
}

;// CONCATENATED MODULE: ./src/core/docs-url.ts
/** Where the generated rule docs live; findings and SARIF link here. */
const REPOSITORY_URL = 'https://github.com/django-deploy-guard/django-deploy-guard';
function docsUrlFor(ruleName) {
    return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleName}.md`;
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./src/core/fingerprint.ts

/**
 * Hashing helpers. `node:crypto` is pure computation, so the core may use it.
 * A secret is hashed once at birth; only the hash travels on.
 */
function sha256Hex(text) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha256').update(text, 'utf8').digest('hex');
}
/** A short, stable id from parts; never includes a secret in clear (pass its hash). */
function fingerprintOf(...parts) {
    return sha256Hex(parts.join('\u0000')).slice(0, 16);
}
/** Hash of a secret value, salted by purpose so it can't be matched against other tools' tables. */
function hashSecret(value) {
    return sha256Hex(`django-deploy-guard:secret:${value}`).slice(0, 32);
}
/** Shortest fingerprint prefix an allowlist or baseline entry may use. */
const MIN_FINGERPRINT_PREFIX = 8;
/**
 * Finds what a written fingerprint names: the full one, or a prefix of at least 8 characters that
 * only one finding of the run starts with (reports show the full 16; people paste the first 8).
 */
function matchFingerprint(written, fingerprints) {
    return matchFindingFingerprint(written, fingerprints.map((fingerprint) => ({ fingerprint })));
}
/**
 * matchFingerprint over findings, each of which answers to its own fingerprint and to its alias
 * fingerprints (a project rule folded into a Django check, src/core/same-problem.ts); the match
 * is always the finding's own fingerprint, so a prefix of a finding and of its alias is not
 * "ambiguous".
 */
function matchFindingFingerprint(written, findings) {
    const owners = new Map();
    for (const finding of findings)
        owners.set(finding.fingerprint, finding.fingerprint);
    for (const finding of findings)
        for (const alias of finding.aliasFingerprints ?? [])
            if (!owners.has(alias))
                owners.set(alias, finding.fingerprint);
    const text = written.trim().toLowerCase();
    const exact = owners.get(text);
    if (exact !== undefined)
        return { match: exact };
    if (text.length < MIN_FINGERPRINT_PREFIX)
        return { none: true };
    const candidates = new Set([...owners].filter(([fingerprint]) => fingerprint.startsWith(text)).map(([, owner]) => owner));
    if (candidates.size === 1)
        return { match: [...candidates][0] };
    return candidates.size > 1 ? { ambiguous: candidates.size } : { none: true };
}

;// CONCATENATED MODULE: ./src/core/types.ts
/**
 * The data every part of the pipeline shares. This module is pure: no I/O, no `@actions/*`.
 */
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
/** `never` disables failing; any severity fails the run at or above it. */
const FAIL_LEVELS = [...SEVERITIES, 'never'];
const SEVERITY_RANK = {
    critical: 4,
    high: 3,
    medium: 2,
    low: 1,
    info: 0,
};
function isAtOrAbove(severity, level) {
    if (level === 'never')
        return false;
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[level];
}
function types_compareSeverity(a, b) {
    return SEVERITY_RANK[b] - SEVERITY_RANK[a];
}

;// CONCATENATED MODULE: ./src/core/finding.ts



function fingerprintOfIdentity(identity) {
    switch (identity.kind) {
        case 'secret':
            return fingerprintOf('secret', identity.secretHash);
        case 'path':
            return fingerprintOf(identity.ruleId, identity.file, identity.detail ?? '');
        case 'setting':
            return fingerprintOf(identity.ruleId, identity.module, identity.setting ?? '', identity.detail ?? '');
    }
}
/**
 * Redacted evidence of a secret value: at most its first 4 characters (fewer for short values)
 * and its length in code points. Never more.
 */
function redactedEvidence(value) {
    const chars = Array.from(value);
    const shown = Math.min(4, Math.floor(chars.length / 4));
    return `${chars.slice(0, shown).join('')}… (${chars.length} chars)`;
}
function createFinding(input) {
    const severity = input.severity ?? input.rule.severity;
    const current = input.current ?? input.source !== 'history';
    const location = {
        source: input.source,
        ruleId: input.rule.id,
        file: input.file,
        line: Math.max(1, input.line),
        current,
        severity,
    };
    if (input.endLine !== undefined)
        location.endLine = input.endLine;
    if (input.column !== undefined)
        location.column = input.column;
    if (input.endColumn !== undefined)
        location.endColumn = input.endColumn;
    // A history occurrence is at its commit; a current line is in today's tree, whatever its history.
    if (!current && input.commit !== undefined)
        location.commit = input.commit;
    if (!current && input.authorDate !== undefined)
        location.authorDate = input.authorDate;
    if (input.setting !== undefined)
        location.setting = input.setting;
    if (input.context !== undefined)
        location.context = input.context;
    const finding = {
        ruleId: input.rule.id,
        name: input.rule.name,
        severity,
        message: input.message,
        file: location.file,
        line: location.line,
        fingerprint: fingerprintOfIdentity(input.identity),
        source: input.source,
        current,
        docsUrl: docsUrlFor(input.rule.name),
        fix: input.fix ?? input.rule.fix,
        locations: [location, ...(input.moreLocations ?? [])],
    };
    if (location.endLine !== undefined)
        finding.endLine = location.endLine;
    if (location.column !== undefined)
        finding.column = location.column;
    if (location.endColumn !== undefined)
        finding.endColumn = location.endColumn;
    const evidence = input.evidence ?? (input.secret !== undefined ? redactedEvidence(input.secret) : undefined);
    if (evidence !== undefined)
        finding.evidence = evidence;
    if (input.secretHash !== undefined)
        finding.secretHash = input.secretHash;
    else if (input.identity.kind === 'secret')
        finding.secretHash = input.identity.secretHash;
    if (input.envVar !== undefined)
        finding.envVar = input.envVar;
    if (input.suppressed !== undefined)
        finding.suppressed = input.suppressed;
    if (input.undecided)
        finding.undecided = true;
    if (input.commit !== undefined)
        finding.commit = input.commit;
    if (input.authorDate !== undefined)
        finding.authorDate = input.authorDate;
    if (input.inHead !== undefined)
        finding.inHead = input.inHead;
    if (input.refs !== undefined)
        finding.refs = input.refs;
    if (input.autofix !== undefined)
        finding.autofix = input.autofix;
    return finding;
}
const SOURCE_RANK = { tree: 0, settings: 1, history: 2 };
/** The finding whose location and rule represent a merged group: current, severe, in the tree. */
function comparePrimary(a, b) {
    return (Number(b.current) - Number(a.current) ||
        compareSeverity(a.severity, b.severity) ||
        SOURCE_RANK[a.source] - SOURCE_RANK[b.source] ||
        (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
        (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
        a.line - b.line);
}
function locationKey(l) {
    return [l.source, l.ruleId, l.file, l.line, l.commit ?? '', l.setting ?? ''].join('\u0000');
}
/** Current locations first, then by source, path, line; history by commit date. */
function compareLocations(a, b) {
    return (Number(b.current) - Number(a.current) ||
        SOURCE_RANK[a.source] - SOURCE_RANK[b.source] ||
        (a.authorDate ?? '').localeCompare(b.authorDate ?? '') ||
        (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
        a.line - b.line);
}
/**
 * One finding per fingerprint. The merged finding takes its rule, message and location from its
 * primary member (a current location first, then the most severe), its severity from the most
 * severe location, every location of every member, and the history facet (first commit, whether
 * HEAD holds it, refs) from its history members. It is suppressed inline only when every current
 * location is (or, with none current, every location).
 */
function mergeFindings(findings) {
    const groups = new Map();
    for (const finding of findings) {
        const group = groups.get(finding.fingerprint);
        if (group)
            group.push(finding);
        else
            groups.set(finding.fingerprint, [finding]);
    }
    const out = [];
    for (const group of groups.values()) {
        if (group.length === 1) {
            out.push(group[0]);
            continue;
        }
        const members = [...group].sort(comparePrimary);
        const primary = members[0];
        const locations = new Map();
        for (const member of members)
            for (const location of member.locations)
                if (!locations.has(locationKey(location)))
                    locations.set(locationKey(location), location);
        const merged = {
            ...primary,
            severity: members.map((m) => m.severity).sort(compareSeverity)[0],
            locations: [...locations.values()].sort(compareLocations),
        };
        // Keep the primary location first.
        const first = merged.locations.findIndex((l) => l.file === primary.file && l.line === primary.line && l.source === primary.source);
        if (first > 0)
            merged.locations.unshift(...merged.locations.splice(first, 1));
        const history = members.filter((m) => m.source === 'history' || m.commit !== undefined);
        if (history.length > 0) {
            const earliest = [...history].sort((a, b) => (a.authorDate ?? '').localeCompare(b.authorDate ?? ''))[0];
            if (earliest.commit !== undefined)
                merged.commit = earliest.commit;
            if (earliest.authorDate !== undefined)
                merged.authorDate = earliest.authorDate;
            merged.inHead = history.some((m) => m.inHead === true);
            const refs = [...new Set(history.flatMap((m) => m.refs ?? []))].sort();
            merged.refs = refs;
        }
        const envVar = members.find((m) => m.envVar !== undefined)?.envVar;
        if (envVar !== undefined)
            merged.envVar = envVar;
        // A secret's settings facet knows the edit (SECRET_KEY from the environment), whichever
        // member leads the group.
        const autofix = primary.autofix ?? members.find((m) => m.autofix !== undefined)?.autofix;
        if (autofix !== undefined)
            merged.autofix = autofix;
        const evidence = members.find((m) => m.evidence !== undefined)?.evidence;
        if (evidence !== undefined)
            merged.evidence = evidence;
        const deciding = members.filter((m) => m.current);
        const judged = deciding.length > 0 ? deciding : members;
        const inline = judged.map((m) => m.suppressed).filter((s) => s?.kind === 'inline');
        if (inline.length === judged.length && inline[0])
            merged.suppressed = inline[0];
        else if (merged.suppressed?.kind === 'inline')
            delete merged.suppressed;
        out.push(merged);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/core/inline-ignore.ts
/**
 * Inline suppression: `deploy-guard: ignore[RULE-ID] reason` in a comment on the offending line.
 * The same form works after `#` in Python, `.env`, YAML, INI and TOML. Several ids may be listed,
 * separated by commas; `ignore[*]` ignores every rule on that line.
 */
const INLINE_IGNORE = /deploy-guard:\s*ignore\[([^\]]*)\]\s*(.*)$/;
/** Returns the reason when `lineText` ignores `ruleId`, else undefined. */
function inlineIgnoreReason(lineText, ruleId) {
    if (!lineText)
        return undefined;
    const match = INLINE_IGNORE.exec(lineText);
    if (!match)
        return undefined;
    const ids = (match[1] ?? '').split(',').map((id) => id.trim());
    if (!ids.includes(ruleId) && !ids.includes('*'))
        return undefined;
    const reason = (match[2] ?? '').trim();
    return reason === '' ? 'ignored inline (no reason given)' : reason;
}
/** The rule ids an inline ignore comment on `lineText` names (`*` for all), or undefined. */
function inlineIgnoreIds(lineText) {
    const match = INLINE_IGNORE.exec(lineText);
    if (!match)
        return undefined;
    return (match[1] ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== '');
}

;// CONCATENATED MODULE: ./src/core/redactor.ts
/**
 * The one redaction chokepoint. Every string that leaves the process (stdout, stderr, report files,
 * annotations, the job summary, outputs, API request bodies) passes through `Redactor.redact`,
 * which knows every secret value seen in the run and replaces it wherever it appears: whole, in
 * part, lower-cased, or in the escaped forms our renderers and encoders produce. Rules and
 * messages still try never to build such strings; this is the guarantee when one slips through.
 *
 * Pure: no I/O. Values are held in memory only, never serialised.
 */
/** What a redacted run of text is replaced with. */
const REDACTED = '[redacted]';
/**
 * A leak of this many characters of a secret is caught (any 9-character piece of a secret contains
 * one of its 8-character grams). Shorter pieces are not: 8 random characters say little.
 */
const GRAM_LENGTH = 8;
/** Values shorter than this are never treated as secrets: they are words, not keys. */
const MIN_SECRET_LENGTH = 8;
/**
 * Whether a value is shaped like a secret, for registering it with the runner's log masking
 * (`::add-mask::`) and with the redactor. Short or low-diversity values (`True`, `critical`,
 * `DDG106`, `postgres`) are not: masking them would blank ordinary words from the whole log.
 */
function isSecretLike(value) {
    if (value.length < MIN_SECRET_LENGTH)
        return false;
    if (/\s/.test(value.trim()) && value.length < 24)
        return false;
    const distinct = new Set(value).size;
    if (distinct < 5)
        return false;
    if (isWordShaped(value) || isPathShaped(value))
        return false;
    const classes = characterClasses(value);
    // Long values may be one class (hex, lower-case base32); short ones need mixed characters.
    return classes >= 2 || value.length >= 16;
}
/**
 * A word in any script, written as words are: all lower case, all upper case, or capitalised
 * (`Password`, `Contraseña`, `PRODUCTION`), up to 24 letters. Masking one would blank that word
 * from the whole log; a random value of letters alone switches case inside.
 */
function isWordShaped(value) {
    if (value.length > 24)
        return false;
    return /^\p{L}\p{Ll}+$/u.test(value) || /^\p{Lu}+$/u.test(value);
}
/**
 * A file path (`/srv/app/.env`, `~/.ssh/id_rsa`, `./certs/key.pem`): where a secret lives, not
 * the secret. Word segments only, after a leading `/`, `~/` or `./`.
 */
function isPathShaped(value) {
    return /^(?:~|\.{1,2})?\/[\w.-]{1,64}(?:\/[\w.-]{0,64}){0,32}$/.test(value);
}
function characterClasses(text) {
    let classes = 0;
    if (/[a-z]/.test(text))
        classes++;
    if (/[A-Z]/.test(text))
        classes++;
    if (/[0-9]/.test(text))
        classes++;
    if (/[^A-Za-z0-9\s]/.test(text))
        classes++;
    return classes;
}
/** ASCII-only lower-casing: keeps every index of the text unchanged (unlike `toLowerCase`). */
function lowerAscii(text) {
    return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}
/** Characters that separate the parts of paths, URLs and names: never evidence of randomness. */
const SEPARATORS = new Set([...'/.:-_@ \t']);
/** 0 lower, 1 upper, 2 digit, 3 other symbol; undefined for a separator. */
function classOf(char) {
    if (SEPARATORS.has(char))
        return undefined;
    if (char >= 'a' && char <= 'z')
        return 0;
    if (char >= 'A' && char <= 'Z')
        return 1;
    if (char >= '0' && char <= '9')
        return 2;
    return 3;
}
/**
 * A piece of a secret is redacted only when the piece itself is secret-shaped: its characters
 * switch class (lower, upper, digit, symbol; separators skipped) at least 3 times, as random
 * characters do. Pieces of ordinary text do not: `https://` (letters and separators),
 * `password`, `ec2-inst` (two switches), `route53d`, a date. So a registered value that shares
 * such a piece with the tool's own text (docs URLs, messages, library paths) never blanks it.
 */
function isSecretShapedPiece(gram) {
    let switches = 0;
    let previous;
    for (const char of gram) {
        const current = classOf(char);
        if (current === undefined)
            continue;
        if (previous !== undefined && current !== previous)
            switches++;
        previous = current;
    }
    return switches >= 3;
}
/** Markdown escaping as `report/escape.ts` does it (kept in step by a test). */
function markdownForm(value) {
    return value
        .replace(/[\\`*_[\]<>|!~#]/g, (character) => `\\${character}`)
        .replace(/&/g, '&amp;')
        .replace(/@/g, '&#64;')
        .replace(/:\/\//g, '&#58;//');
}
function jsonForm(value) {
    return JSON.stringify(value).slice(1, -1);
}
function percentForm(value) {
    return encodeURIComponent(value);
}
/** `@actions/core` command escaping (messages and properties). */
function workflowCommandForm(value) {
    return value
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
/** The forms a value can take on its way out: raw, and as each encoder writes it. */
function escapedForms(value) {
    const forms = new Set([value]);
    for (const encode of [markdownForm, jsonForm, percentForm, workflowCommandForm]) {
        forms.add(encode(value));
    }
    forms.add(jsonForm(markdownForm(value)));
    return [...forms];
}
class Redactor {
    /** Whole forms, lower-cased, by their first GRAM_LENGTH characters (every form is that long). */
    wholeForms = new Map();
    /** Lower-cased distinctive grams of every form of every value registered with pieces. */
    grams = new Set();
    /** Quick reject: the first two characters of some gram or whole form (lower-cased). */
    starts = new Set();
    values = new Set();
    /**
     * Registers a value when it is shaped like a secret; returns whether it was. Safe to call with
     * anything: short or ordinary values are ignored.
     */
    add(value, options = {}) {
        const trimmed = value.trim();
        if (!isSecretLike(trimmed))
            return false;
        const pieces = options.pieces ?? true;
        this.values.add(trimmed);
        for (const form of escapedForms(trimmed)) {
            const lower = lowerAscii(form);
            const anchor = lower.slice(0, GRAM_LENGTH);
            const forms = this.wholeForms.get(anchor) ?? new Set();
            forms.add(lower);
            this.wholeForms.set(anchor, forms);
            this.starts.add(startKey(lower, 0));
            if (!pieces)
                continue;
            for (let i = 0; i + GRAM_LENGTH <= form.length; i++) {
                const gram = form.slice(i, i + GRAM_LENGTH);
                if (!isSecretShapedPiece(gram))
                    continue;
                const lowerGram = lowerAscii(gram);
                this.grams.add(lowerGram);
                this.starts.add(startKey(lowerGram, 0));
            }
        }
        return true;
    }
    addAll(values, options) {
        for (const value of values)
            this.add(value, options);
    }
    /** Registered values (for the runner's masking). Never print or serialise. */
    maskable() {
        return [...this.values];
    }
    get size() {
        return this.values.size;
    }
    /** Replaces every registered value, and every distinctive piece of one, with REDACTED. */
    redact(text) {
        if (this.values.size === 0 || text === '')
            return text;
        const lower = lowerAscii(text);
        const covered = new Uint8Array(text.length);
        let any = false;
        // One pass: at each position, a whole form or a distinctive gram may start (case-insensitive).
        for (let i = 0; i + GRAM_LENGTH <= lower.length; i++) {
            if (!this.starts.has(startKey(lower, i)))
                continue;
            const key = lower.slice(i, i + GRAM_LENGTH);
            if (this.grams.has(key)) {
                covered.fill(1, i, i + GRAM_LENGTH);
                any = true;
            }
            const forms = this.wholeForms.get(key);
            if (forms === undefined)
                continue;
            for (const form of forms) {
                if (lower.startsWith(form, i)) {
                    covered.fill(1, i, i + form.length);
                    any = true;
                }
            }
        }
        if (!any)
            return text;
        let out = '';
        let i = 0;
        while (i < text.length) {
            if (covered[i] === 0) {
                const next = covered.indexOf(1, i);
                const end = next === -1 ? text.length : next;
                out += text.slice(i, end);
                i = end;
            }
            else {
                const next = covered.indexOf(0, i);
                i = next === -1 ? text.length : next;
                out += REDACTED;
            }
        }
        return out;
    }
    /** A copy of a JSON-like value with every string (keys included) redacted. */
    redactDeep(value) {
        if (this.values.size === 0)
            return value;
        return this.redactUnknown(value);
    }
    redactUnknown(value) {
        if (typeof value === 'string')
            return this.redact(value);
        if (Array.isArray(value))
            return value.map((item) => this.redactUnknown(item));
        if (value !== null && typeof value === 'object') {
            if (value instanceof Map)
                return new Map([...value.entries()].map(([k, v]) => [this.redactUnknown(k), this.redactUnknown(v)]));
            const out = {};
            for (const [key, inner] of Object.entries(value)) {
                out[this.redact(key)] = this.redactUnknown(inner);
            }
            return out;
        }
        return value;
    }
}
function startKey(text, at) {
    return (text.charCodeAt(at) << 16) | text.charCodeAt(at + 1);
}

;// CONCATENATED MODULE: ./src/secrets/hit-context.ts




/**
 * The context that decides how much a detector hit matters, whatever the detector: a value on a
 * commented-out line, in test code or fixtures, in CI configuration, in documentation or in
 * committed third-party code is at most `low`, and its message says why. `runSecretRules` applies this to
 * every hit; the hit keeps both severities (`severity` capped, `uncappedSeverity` not) and the
 * contexts, so a later step can raise a value that is also found outside tests.
 */
/**
 * Contexts that cap every rule's hits, unless the value passes its format's own validation
 * (`SecretMatch.validated`): a real token does not become harmless because it sits in a test. An
 * example in documentation is `low` too, wherever the page sits (a page is docs by its extension);
 * the same value also found in code or config is raised back by the merge (`uncappedSeverity`).
 */
const ALWAYS_CAPPED = ['comment', 'test', 'vendored', 'docs', 'marked-fake'];
const CONTEXT_WORDS = {
    comment: 'on a commented-out line',
    test: 'in test code or fixtures',
    ci: 'in CI configuration',
    docs: 'in documentation',
    vendored: 'in committed third-party code',
    'marked-fake': 'marked as fake or for testing by the comment above it',
};
/**
 * A comment saying the values below are made up: `# WARNING: FAKE credentials for testing
 * purposes only`, `// dummy key, not real`, `# example values`.
 */
const FAKE_MARKER = /^\s*(?:#|\/\/|;|--|\/?\*)[^\n]{0,200}?\b(?:fake|dummy|not real|for testing|testing purposes|test only|example values?|sample values?)\b/i;
/** How far above a hit a marker comment may sit: a comment block and a few values under it. */
const FAKE_BLOCK_LINES = 8;
/**
 * Whether a comment that marks values as fake heads the block the hit is in: the marker sits
 * above it with no blank line between (saleor: the marker, a second comment line, then three
 * values). A blank line ends what the comment vouches for. `line` is 1-based.
 */
function isMarkedFake(lines, line) {
    for (let i = line - 2; i >= 0 && i >= line - 1 - FAKE_BLOCK_LINES; i--) {
        const text = lines[i] ?? '';
        if (text.trim() === '')
            return false;
        if (FAKE_MARKER.test(text))
            return true;
    }
    return false;
}
/** The contexts a repository path gives every hit in it. */
function pathContextsOf(path) {
    const contexts = [];
    if (isVendoredPath(path))
        contexts.push('vendored');
    if (isTestPath(path))
        contexts.push('test');
    if (isCiPath(path))
        contexts.push('ci');
    if (isDocsPath(path))
        contexts.push('docs');
    return contexts;
}
function commentSyntaxOf(path) {
    const base = baseNameOf(path);
    if (/\.pyw?$/.test(base))
        return 'python';
    if (/\.(ini|cfg)$/.test(base))
        return 'ini';
    if (isDotenvPath(path) ||
        /\.(ya?ml|toml|conf|sh|bash|zsh|properties|rb|tf|tfvars|txt)$/.test(base) ||
        base.startsWith('dockerfile') ||
        base.endsWith('.dockerfile') ||
        base === 'procfile' ||
        base === 'makefile' ||
        !base.includes('.'))
        return 'hash';
    if (/\.(js|mjs|cjs|jsx|ts|tsx|java|kt|go|c|h|cc|cpp|cs|php|swift|scss|json5|jsonc)$/.test(base))
        return 'slash';
    return 'none';
}
/**
 * Whether the text at `index` of a line is inside a comment: a `#` outside quotes before it
 * (Python), a `#` at the line start or after whitespace (YAML, .env, shell, TOML: `KEY=ab#cd`
 * keeps its `#`), `#`/`;` at the line start (INI, where configparser has no inline comments), or
 * `//` outside quotes (JavaScript and friends).
 */
function isInComment(path, line, index) {
    const syntax = commentSyntaxOf(path);
    if (syntax === 'none')
        return false;
    if (syntax === 'ini')
        return /^\s*[#;]/.test(line);
    let quote;
    const end = Math.min(index, line.length - 1);
    for (let i = 0; i <= end; i++) {
        const char = line[i];
        if (quote !== undefined) {
            if (char === '\\')
                i++;
            else if (char === quote)
                quote = undefined;
            continue;
        }
        if (char === '"' || char === "'" || (syntax === 'slash' && char === '`')) {
            // In YAML, .env and shell a quote inside an unquoted word is a literal character.
            if (syntax !== 'hash' || i === 0 || /[\s=:[{,]/.test(line[i - 1] ?? ''))
                quote = char;
            continue;
        }
        if (syntax === 'slash') {
            if (char === '/' && line[i + 1] === '/')
                return true;
            continue;
        }
        if (char === '#' && (syntax === 'python' || i === 0 || /\s/.test(line[i - 1] ?? '')))
            return true;
    }
    return false;
}
/** Contexts of one hit: its path's, plus `comment` when its line or column is commented out. */
function hitContextsOf(path, line, column) {
    const contexts = pathContextsOf(path);
    if (line !== undefined) {
        const index = column !== undefined ? column - 1 : (/\S/.exec(line)?.index ?? 0);
        if (isInComment(path, line, index))
            contexts.unshift('comment');
    }
    return contexts;
}
/**
 * The hit with its contexts, its uncapped severity and, when a context lowers it, `low` and a
 * message that says why. `line` is the text of the hit's line (for comment detection), `fileLines`
 * the file's lines (for a marker comment heading its block).
 */
function withHitContext(path, rule, match, line, fileLines) {
    // A path rule (DDG102) judges the whole file: its line is where a list starts, not a comment.
    const lineText = rule.appliesToPath ? undefined : line;
    const contexts = [
        ...new Set([...(match.contexts ?? []), ...hitContextsOf(path, lineText, match.column)]),
    ];
    if (!rule.appliesToPath && fileLines !== undefined && isMarkedFake(fileLines, match.line))
        contexts.push('marked-fake');
    const uncapped = match.uncappedSeverity ?? match.severity ?? rule.severity;
    const capping = match.validated
        ? []
        : contexts.filter((context) => ALWAYS_CAPPED.includes(context) || (rule.lowIn ?? []).includes(context));
    const capped = capping.length > 0 && types_compareSeverity(uncapped, 'low') < 0 ? 'low' : uncapped;
    const result = { ...match, contexts, uncappedSeverity: uncapped, severity: capped };
    if (capped !== uncapped)
        result.message = `${match.message} (${capping.map((c) => CONTEXT_WORDS[c]).join(', ')}: at most low)`;
    else if (match.validated && contexts.includes('vendored'))
        result.message = `${match.message} (in vendored code; the value passes its format's validation)`;
    return result;
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __nccwpck_require__(8815);
;// CONCATENATED MODULE: ./src/secrets/normalise.ts



/** Views are for text a person wrote: minified bundles and huge files are left as they are. */
const MAX_NORMALISED_BYTES = 1024 * 1024;
/** Whether `normalisedViews` may give a view of a file at `path` (by its name alone). */
function hasNormalisedViews(path) {
    return hasWholeFileView(path) || isCommandPath(baseNameOf(path));
}
/** Whether a file at `path` has a Python view (its next version's: `nextPythonViewState`). */
function hasPythonView(path) {
    return /\.pyw?$/.test(baseNameOf(path));
}
/**
 * Whether a view reads a file at `path` as a whole (Python, notebooks, YAML): a change anywhere
 * in it can change any of its view's lines. History's version delta finds a Python view's next
 * version from the changed statements (`nextPythonViewState`) and reads the others whole. The
 * other views (JSON, commands) are line views: see `lineViewLines`.
 */
function hasWholeFileView(path) {
    const base = baseNameOf(path);
    return /\.pyw?$/.test(base) || base.endsWith('.ipynb') || /\.ya?ml$/.test(base);
}
/**
 * The lines (1-based) of `text` that the views of a file at `path` without a whole-file view are
 * built from, in order (none: it has no view). Each view line comes from one of them alone, so
 * the views of a text whose other lines are blanked are the same (history's version delta
 * relies on it).
 */
function lineViewLines(path, text) {
    const base = baseNameOf(path);
    if (hasWholeFileView(path))
        return [];
    const gates = [
        ...(isJsonPath(base) ? [JSON_GATE] : []),
        ...(isCommandPath(base) ? [COMMAND_GATE] : []),
    ];
    const lines = gates.flatMap((gate) => linesMatching(text, gate).map((line) => line.number));
    // Both views (`Dockerfile.json`): one list, in order.
    return gates.length > 1 ? [...new Set(lines)].sort((x, y) => x - y) : lines;
}
function isJsonPath(base) {
    return /\.(json|har|jsonc)$/.test(base);
}
/** Whether `normalisedViews` reads a text of `length` characters at all. */
function isNormalisedLength(length) {
    return length <= MAX_NORMALISED_BYTES;
}
function normalisedViews(path, content) {
    if (!isNormalisedLength(content.length))
        return [];
    const base = baseNameOf(path);
    const views = [];
    if (hasPythonView(path))
        views.push(pythonView(path, content));
    if (base.endsWith('.ipynb'))
        views.push(notebookView(path, content));
    else if (isJsonPath(base))
        views.push(jsonView(path, content));
    if (/\.ya?ml$/.test(base))
        views.push(yamlView(path, content));
    if (isCommandPath(base))
        views.push(commandView(path, content));
    return views.filter((view) => view !== undefined);
}
/** One derived line per value, and where it came from. */
class ViewBuilder {
    path;
    lines = [];
    origins = [];
    constructor(path) {
        this.path = path;
    }
    add(text, line, column) {
        // One derived value is one line: a line break inside it would shift every later origin.
        this.lines.push(text.replace(/\r\n|\r|\n/g, ' '));
        this.origins.push({ line, column });
    }
    build() {
        if (this.lines.length === 0)
            return undefined;
        return { path: this.path, content: `${this.lines.join('\n')}\n`, origins: this.origins };
    }
}
/** A Python string literal holding `value` (a JSON string is one, for these characters). */
function pythonLiteral(value) {
    return JSON.stringify(value);
}
// ---------------------------------------------------------------------------------------------
// Python
/** `{'…'}` / `{"…"}`: an f-string field that is a constant string. */
const CONSTANT_FIELD = /\{\s*(['"])([^'"{}\\]{0,200})\1\s*\}/g;
/** The value of an f-string whose every field is a constant string, else undefined. */
function constantFString(text) {
    const resolved = text.replace(CONSTANT_FIELD, (_whole, _quote, inner) => inner);
    const rest = resolved.replace(/\{\{|\}\}/g, '');
    if (rest.includes('{'))
        return undefined;
    return resolved.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
}
function stringValue(tokens, k) {
    if (tokens.kindAt(k) !== STRING)
        return undefined;
    const text = tokens.text(k);
    return tokens.isExpression(k) ? constantFString(text) : text;
}
const isOp = (tokens, k, text) => tokens.is(k, OP, text);
/** `NAME =`, `NAME:`, `'name':`, `name=` before token `k`: the name the value is given to. */
function nameBefore(tokens, k) {
    const op = k - 1;
    const name = k - 2;
    if (!isOp(tokens, op, '=') && !isOp(tokens, op, ':') && !isOp(tokens, op, '+='))
        return undefined;
    const kind = tokens.kindAt(name);
    if (kind === NAME || (kind === STRING && !tokens.isExpression(name)))
        return tokens.text(name);
    return undefined;
}
/** Whether token `k` is the name `join` (or, as any token's text was compared, a string 'join'). */
function isJoin(tokens, k) {
    if (tokens.kindAt(k) === STRING)
        return tokens.text(k) === 'join';
    return tokens.is(k, NAME, 'join');
}
/**
 * One store reused by every Python view (views are built one at a time, synchronously); a store
 * grown past this many tokens by a huge file is let go rather than kept.
 */
const MAX_KEPT_TOKENS = 1 << 18;
let scratchTokens;
/**
 * Cheap gate before tokenizing: a literal `+` a literal, `'…'.join(`, or a constant f-string
 * field (`{'…'}`). Without one there is nothing to join. Global, for `gateLines`: every use sets
 * `lastIndex` first.
 */
const PYTHON_GATE = /["'][ \t]*\+\s{0,80}[rRbBuUfF]{0,2}["']|["']\.join\(|\{[ \t]*'[^'{}\n]{0,200}'[ \t]*\}|\{[ \t]*"[^"{}\n]{0,200}"[ \t]*\}/g;
function pythonView(path, content, viewPath = path) {
    PYTHON_GATE.lastIndex = 0;
    if (!PYTHON_GATE.test(content))
        return undefined;
    return buildView(viewPath, pythonViewEntries(content));
}
function buildView(path, entries) {
    const view = new ViewBuilder(path);
    for (const entry of entries)
        view.add(entry.text, entry.line, entry.column);
    return view.build();
}
/**
 * The Python view's lines, whether or not the gate lets the view through. Each comes from one
 * statement's tokens (a run of literals, a join or a name before them never crosses a newline at
 * depth 0), so the entries of a text are those of its statements. `statementLines` as for
 * tokenizePython.
 */
function pythonViewEntries(content, statementLines) {
    const tokens = tokenizePythonInto(scratchTokens ?? new PyTokenStore(), content, statementLines);
    scratchTokens = undefined;
    try {
        return viewEntriesOf(tokens, content);
    }
    finally {
        tokens.content = '';
        if (tokens.capacity <= MAX_KEPT_TOKENS)
            scratchTokens = tokens;
    }
}
function viewEntriesOf(tokens, content) {
    const index = createLineIndex(content);
    const entries = [];
    const count = tokens.count;
    const isString = (k) => tokens.kindAt(k) === STRING;
    const emit = (start, value) => {
        if (start >= count || value.length < 8)
            return;
        const name = nameBefore(tokens, start);
        const target = name !== undefined && /^[A-Za-z_][\w.-]{0,80}$/.test(name) ? name : '_';
        const offset = tokens.offsets[start];
        entries.push({
            text: `${target} = ${pythonLiteral(value)}`,
            line: index.lineAt(offset),
            column: index.columnAt(offset),
        });
    };
    for (let k = 0; k < count; k++) {
        if (!isString(k))
            continue;
        // `'sep'.join([ 'a', 'b' ])` / `.join(('a', 'b'))`
        if (isOp(tokens, k + 1, '.') && isJoin(tokens, k + 2) && isOp(tokens, k + 3, '(')) {
            const separator = stringValue(tokens, k);
            const open = isOp(tokens, k + 4, '[') || isOp(tokens, k + 4, '(') ? k + 5 : k + 4;
            const parts = [];
            let j = open;
            for (; j < count && j < open + 400; j += 2) {
                const part = stringValue(tokens, j);
                if (part === undefined)
                    break;
                parts.push(part);
                if (!isOp(tokens, j + 1, ',')) {
                    j++;
                    break;
                }
            }
            const closes = isOp(tokens, j, ']') || isOp(tokens, j, ')');
            if (separator !== undefined && parts.length > 1 && closes)
                emit(k, parts.join(separator));
            continue;
        }
        // A run of literals joined by `+` or adjacency, or one f-string with constant fields. A lone
        // plain literal (most strings) has nothing to join and is never decoded.
        if (!tokens.isExpression(k) &&
            !(isOp(tokens, k + 1, '+') && isString(k + 2)) &&
            !isString(k + 1))
            continue;
        const parts = [];
        let joined = false;
        let j = k;
        while (j < count) {
            const part = stringValue(tokens, j);
            if (part === undefined)
                break;
            if (tokens.isExpression(j))
                joined = true;
            parts.push(part);
            if (isOp(tokens, j + 1, '+') && isString(j + 2)) {
                joined = true;
                j += 2;
            }
            else if (isString(j + 1)) {
                joined = true;
                j += 1;
            }
            else
                break;
        }
        if (joined && parts.length > 0)
            emit(k, parts.join(''));
        // A URL built with `+` around a name (`'postgres://app:' + PASSWORD + '@db'`) denotes no
        // literal value; the literals on their own are left to the original text.
        k = Math.max(k, j);
    }
    return entries;
}
/**
 * How far past the end of the line it starts on a gate match can reach, in UTF-8 bytes (and so in
 * characters): a match stays on its first line up to its `+` or closing brace, then takes at most
 * 80 whitespace characters (`\s`, up to 3 bytes each in UTF-8), a two-letter prefix and a quote.
 */
const GATE_REACH = 3 * 80 + 3 + 1;
/** Lines tokenized past a change at first when looking for the statement the two versions share. */
const RESYNC_LINES = 8;
/** The state of a whole text. */
function pythonViewState(content) {
    const statements = [1];
    const entries = pythonViewEntries(content, statements);
    return { statements: Int32Array.from(statements), entries, gate: gateLines(content, 0) };
}
/** `normalisedViews(path, text)` of a file with a Python view (`hasPythonView`) whose state is known. */
function pythonViews(path, text, state) {
    const view = isNormalisedLength(text.length) ? pythonViewOf(path, state) : undefined;
    return view ? [view] : [];
}
/** The Python view a state stands for (see `pythonView`). */
function pythonViewOf(path, state) {
    return state.gate.length > 0 ? buildView(path, state.entries) : undefined;
}
/**
 * Lines (1-based, offset by `firstLine`) on which a gate match starts in `text`: every position a
 * match starts at, not only those of a leftmost scan, so a line's answer depends only on the text
 * from that line on.
 */
function gateLines(text, firstLine) {
    const index = createLineIndex(text);
    const lines = [];
    PYTHON_GATE.lastIndex = 0;
    for (let match = PYTHON_GATE.exec(text); match; match = PYTHON_GATE.exec(text)) {
        const line = firstLine + index.lineAt(match.index);
        if (lines[lines.length - 1] !== line)
            lines.push(line);
        PYTHON_GATE.lastIndex = match.index + 1;
    }
    return Int32Array.from(lines);
}
/**
 * The next version's state from `base` (the earlier version's), the `changes` between the two
 * (ascending, apart) and the next version's text by 0-based line ranges (`text(from, to)`: lines
 * `[from, to)` with their line breaks). Statements the changes don't touch keep their entries,
 * moved by the lines added or removed; the text is tokenized from the last statement start
 * before each change to the first statement start after it that the base also starts a statement
 * on. Undefined when `text` can't give a range.
 */
function nextPythonViewState(base, changes, versions) {
    const { baseStarts, starts, text } = versions;
    const lineCount = starts.length;
    const statements = [];
    const entries = [];
    const isBaseStatement = (line) => {
        const at = countAtMost(base.statements, line - 1);
        return base.statements[at] === line;
    };
    /** The base's statements and entries on its lines `[fromA, toA)` (0-based), moved by `shift`. */
    const copy = (fromA, toA, shift) => {
        for (let k = countAtMost(base.statements, fromA); k < base.statements.length; k++) {
            const line = base.statements[k] ?? 0;
            if (line - 1 >= toA)
                break;
            statements.push(line + shift);
        }
        for (let k = countAtMost(entriesLines, fromA); k < base.entries.length; k++) {
            const entry = base.entries[k];
            if (!entry || entry.line - 1 >= toA)
                break;
            entries.push(shift === 0 ? entry : { ...entry, line: entry.line + shift });
        }
    };
    const entriesLines = base.entries.map((entry) => entry.line);
    const shiftAfter = (change) => change.bTo - change.aTo;
    // New lines before `settled` are done; there the base's line is the new line less `shift`.
    let settled = 0;
    let shift = 0;
    let next = 0;
    while (next < changes.length) {
        const change = changes[next];
        // The last statement start at or before the change (the base's, unchanged up to there).
        const at = countAtMost(base.statements, change.aFrom + 1) - 1;
        const startA = Math.max((base.statements[at] ?? 1) - 1, settled - shift);
        copy(settled - shift, startA, shift);
        const from = startA + shift;
        let to = Math.min(lineCount, change.bTo + RESYNC_LINES);
        for (;;) {
            const segment = text(from, to);
            if (segment === undefined)
                return undefined;
            const found = [];
            const segmentEntries = pythonViewEntries(segment, found);
            // The first statement start past the changes it follows, outside every change, that the
            // base starts a statement on too: from there on the two are tokenized alike.
            let covered = next;
            let shiftThere = shift;
            let sync = -1;
            for (const relative of found) {
                const line = from + relative - 1;
                if (line >= to)
                    break;
                while (covered < changes.length && changes[covered].bTo <= line) {
                    shiftThere = shiftAfter(changes[covered]);
                    covered++;
                }
                if (covered === next)
                    continue;
                if (covered < changes.length && changes[covered].bFrom < line)
                    continue;
                if (isBaseStatement(line - shiftThere + 1)) {
                    sync = line;
                    break;
                }
            }
            if (sync === -1 && to < lineCount) {
                // Not found in this stretch: tokenize a longer one (doubling keeps it linear).
                to = Math.min(lineCount, from + 2 * (to - from) + RESYNC_LINES);
                continue;
            }
            const end = sync === -1 ? lineCount : sync;
            // (A change that removes the last lines leaves no line to start.)
            if (from < lineCount)
                statements.push(from + 1);
            for (const relative of found)
                if (from + relative - 1 < end)
                    statements.push(from + relative);
            for (const entry of segmentEntries)
                if (from + entry.line - 1 < end)
                    entries.push({ ...entry, line: entry.line + from });
            if (sync === -1) {
                // Tokenized to the end of the text.
                const gate = nextGate();
                return gate && { statements: Int32Array.from(statements), entries, gate };
            }
            settled = sync;
            // The shift at `sync`: after every change that ends at or before it.
            while (covered < changes.length && changes[covered].bTo <= sync) {
                shiftThere = shiftAfter(changes[covered]);
                covered++;
            }
            shift = shiftThere;
            next = covered;
            break;
        }
    }
    copy(settled - shift, Number.MAX_SAFE_INTEGER, shift);
    const gate = nextGate();
    return gate && { statements: Int32Array.from(statements), entries, gate };
    /**
     * The gate's lines: the base's away from every change (a match starting there reads only
     * unchanged text), and those found again on the lines from which a match can reach a change.
     */
    function nextGate() {
        const startOf = (own, line, length) => own[line] ?? length;
        const reachFrom = (own, line, length) => lineIndexAt(own, Math.max(0, startOf(own, line, length) - GATE_REACH));
        const lines = [];
        let k = 0;
        let moved = 0;
        for (const change of changes) {
            const zoneFrom = reachFrom(baseStarts, change.aFrom, versions.baseLength);
            for (; k < base.gate.length && (base.gate[k] ?? 0) - 1 < zoneFrom; k++)
                lines.push((base.gate[k] ?? 0) + moved);
            while (k < base.gate.length && (base.gate[k] ?? 0) - 1 < change.aTo)
                k++;
            // The next version's lines that can reach this change, found again.
            const from = reachFrom(starts, change.bFrom, versions.length);
            const to = Math.min(lineCount, lineIndexAt(starts, startOf(starts, change.bTo, versions.length) + GATE_REACH) + 1);
            const window = text(from, to);
            if (window === undefined)
                return undefined;
            for (const line of gateLines(window, from))
                if (line - 1 < change.bTo && lines[lines.length - 1] !== line)
                    lines.push(line);
            moved = shiftAfter(change);
        }
        for (; k < base.gate.length; k++)
            lines.push((base.gate[k] ?? 0) + moved);
        // Zones of changes close together overlap: one list, in order.
        return Int32Array.from(new Set(lines)).sort();
    }
}
// ---------------------------------------------------------------------------------------------
// JSON and notebooks
/**
 * JSON escapes that hide text a detector looks for: `\/` (so `https:\/\/hooks.slack.com\/…` and
 * `postgres:\/\/user:pass@…` are not URLs to a pattern) and `\uXXXX` for an ASCII character
 * (encoders escape non-ASCII, so an escaped ASCII letter is deliberate).
 */
const HIDING_ESCAPE = /\\(?:\/|u00([2-7][0-9a-fA-F]))/g;
/** A line that may hold a hiding escape (the view's lines are those it matches on). */
const JSON_GATE = /\\\/|\\u00/g;
/** Characters kept on each side of an escape in a long line (minified JSON is one line). */
const WINDOW = 300;
function unescapeHiding(text) {
    return text.replace(HIDING_ESCAPE, (whole, hex) => {
        if (hex === undefined)
            return '/';
        const char = String.fromCharCode(parseInt(hex, 16));
        // A quote or backslash stays escaped: it would end or break the string.
        return char === '"' || char === '\\' ? whole : char;
    });
}
/**
 * Each line with hiding escapes, unescaped; a long line only around its escapes (a window each
 * side), so a megabyte of minified JSON is not read twice.
 */
function jsonView(path, content) {
    if (!content.includes('\\/') && !content.includes('\\u00'))
        return undefined;
    const view = new ViewBuilder(path);
    for (const line of splitLines(content)) {
        const text = line.text;
        if (!text.includes('\\/') && !text.includes('\\u00'))
            continue;
        if (text.length <= 4 * WINDOW) {
            const rewritten = unescapeHiding(text);
            if (rewritten !== text)
                view.add(rewritten, line.number, 1);
            continue;
        }
        let coveredTo = -1;
        for (const match of text.matchAll(HIDING_ESCAPE)) {
            if (match.index < coveredTo)
                continue;
            const from = Math.max(0, match.index - WINDOW);
            coveredTo = Math.min(text.length, match.index + WINDOW);
            view.add(unescapeHiding(text.slice(from, coveredTo)), line.number, from + 1);
        }
    }
    return view.build();
}
/** A line that is one JSON string (a notebook source or output line), with its closing comma. */
const NOTEBOOK_LINE = /^\s*"((?:[^"\\]|\\.){0,4000})",?\s*$/;
/**
 * A notebook's code, decoded from its JSON strings (`"source": ["TOKEN = \"…\"\n", …]`, one
 * string per line as Jupyter writes them), read as Python; output text lines are read the same
 * way (a token printed in an output is committed too). Images and other long strings are skipped.
 */
function notebookView(path, content) {
    const view = new ViewBuilder(`${path}.py`);
    for (const line of splitLines(content)) {
        if (line.text.length > 4000 || !line.text.includes('"'))
            continue;
        const match = NOTEBOOK_LINE.exec(line.text);
        if (!match)
            continue;
        const body = match[1] ?? '';
        if (body.length < 8)
            continue;
        let decoded;
        try {
            decoded = JSON.parse(`"${body}"`);
        }
        catch {
            continue;
        }
        view.add(decoded, line.number, line.text.indexOf('"') + 2);
    }
    const decoded = view.build();
    if (!decoded)
        return undefined;
    // The decoded code may itself join literals: normalise it as Python too.
    const joined = pythonView(`${path}.py`, decoded.content);
    if (!joined)
        return decoded;
    return {
        path: decoded.path,
        content: decoded.content + joined.content,
        origins: [
            ...decoded.origins,
            ...joined.origins.map((at) => decoded.origins[at.line - 1] ?? at),
        ],
    };
}
// ---------------------------------------------------------------------------------------------
// YAML
/** Block indicators, flow collections or a quoted scalar continued on the next line. */
const YAML_GATE = /:[ \t]*[|>][-+0-9]{0,2}[ \t]*$|\{[^{}:\n]{0,200}:|:[ \t]+["'][^"'\n]{0,500}$/m;
/**
 * Scalars a line reader gets wrong: block and folded scalars, values inside flow collections,
 * and quoted or plain scalars spanning lines. Written as `key: "value"` on their first line.
 */
function yamlView(path, content) {
    if (!YAML_GATE.test(content))
        return undefined;
    const counter = new dist/* LineCounter */.HN();
    let documents;
    try {
        documents = (0,dist/* parseAllDocuments */.hR)(content, {
            lineCounter: counter,
            uniqueKeys: false,
            strict: false,
        });
    }
    catch {
        return undefined;
    }
    if (!Array.isArray(documents))
        return undefined;
    const view = new ViewBuilder(path);
    for (const document of documents)
        visitScalars(document, counter, view);
    return view.build();
}
function visitScalars(document, counter, view) {
    (0,dist/* visit */.YR)(document, {
        Pair(_key, pair, path) {
            if (!(0,dist/* isPair */.tO)(pair) || !(0,dist/* isScalar */.jn)(pair.key) || !(0,dist/* isScalar */.jn)(pair.value))
                return;
            const value = pair.value;
            if (typeof value.value !== 'string' || value.value.trim().length < 8)
                return;
            const range = value.range;
            if (!range)
                return;
            const start = counter.linePos(range[0]);
            const end = counter.linePos(Math.max(range[0], range[1] - 1));
            const parent = path[path.length - 1];
            const inFlow = ((0,dist/* isMap */.jh)(parent) || (0,dist/* isSeq */.oP)(parent)) && parent.flow === true;
            const block = value.type === dist/* Scalar */.X5.BLOCK_LITERAL || value.type === dist/* Scalar */.X5.BLOCK_FOLDED;
            if (!block && !inFlow && start.line === end.line)
                return;
            const keyText = String(pair.key.value);
            if (!/^[A-Za-z_][\w.-]{0,80}$/.test(keyText))
                return;
            // A block scalar's value starts on the line after its indicator.
            const first = block ? Math.min(start.line + 1, end.line) : start.line;
            view.add(`${keyText}: ${JSON.stringify(value.value.replace(/\n+$/, ''))}`, first, block ? 1 : start.col);
        },
    });
}
// ---------------------------------------------------------------------------------------------
// Shell, Dockerfiles, Makefiles, CI and docs
function isCommandPath(base) {
    return (/\.(sh|bash|zsh|ya?ml|md|markdown|rst|txt|adoc|mk|ps1|toml)$/.test(base) ||
        base.startsWith('dockerfile') ||
        base.endsWith('.dockerfile') ||
        base.startsWith('makefile') ||
        base === 'procfile' ||
        base === 'justfile' ||
        !base.includes('.'));
}
/** Commands that set a variable for a container, an app or a cluster secret. */
const COMMAND_GATE = /\bENV[ \t]+[A-Za-z_]|[ \t](?:-e|--env)[ \t=]|config:set|secrets[ \t]+set|--from-literal/g;
/** `KEY=value` pairs on such a line; quoted values keep their quotes (the reader strips them). */
const PAIR = /(?<![\w$-])([A-Za-z_][A-Za-z0-9_]{0,80})=("[^"\n]{0,500}"|'[^'\n]{0,500}'|`[^`\n]{0,500}`|\$\([^)\n]{0,500}\)|[^\s"'`\\;|&$][^\s"'`\\;|&]{0,499})/g;
/** Dockerfile's space form, `ENV KEY value` (one variable per instruction). */
const ENV_SPACE_FORM = /^[ \t]*ENV[ \t]+([A-Za-z_][A-Za-z0-9_]{0,80})[ \t]+([^\s=][^\n]{0,500})$/;
function commandView(path, content) {
    // `KEY=value` lines in a shell-like syntax every config reader (and DDG101's) understands.
    const view = new ViewBuilder(`${path}.normalised.sh`);
    // The gate can't match across a line break, so the lines it matches on are those of its matches
    // in the whole text: one pass, without splitting a long document into lines.
    for (const line of linesMatching(content, COMMAND_GATE)) {
        const space = ENV_SPACE_FORM.exec(line.text);
        if (space && !(space[1] ?? '').includes('=')) {
            const value = (space[2] ?? '').trim();
            view.add(`${space[1] ?? ''}=${value}`, line.number, line.text.indexOf(value) + 1);
            continue;
        }
        // `--from-literal=KEY=value`, `--env=KEY=value`: the flag's own `=` is not an assignment.
        const text = line.text.replace(/--(?:from-literal|env)=/g, (flag) => ' '.repeat(flag.length));
        for (const pair of text.matchAll(PAIR)) {
            view.add(`${pair[1] ?? ''}=${pair[2] ?? ''}`, line.number, pair.index + 1);
        }
    }
    return view.build();
}

;// CONCATENATED MODULE: ./src/secrets/detect.ts








/** One case-insensitive pass that finds which of the rules' keywords occur in a text. */
const keywordMatchers = new WeakMap();
function keywordsPresent(content, rules) {
    let matcher = keywordMatchers.get(rules);
    if (!matcher) {
        const all = [...new Set(rules.flatMap((rule) => rule.keywords ?? []))];
        const escaped = all.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
        matcher = new RegExp(escaped.length > 0 ? escaped.join('|') : '(?!)', 'gi');
        keywordMatchers.set(rules, matcher);
    }
    const present = new Set();
    matcher.lastIndex = 0;
    for (let m = matcher.exec(content); m !== null; m = matcher.exec(content)) {
        present.add(m[0].toLowerCase());
        // Step one character, not past the match, so a keyword overlapping another is still seen.
        matcher.lastIndex = m.index + 1;
    }
    return present;
}
/**
 * Hits processed per line and per file: each hit costs a look at its line (comment context,
 * inline ignore) and a finding downstream, so a line or file packed with tokens would cost their
 * product. Past either limit the rest are counted, not processed.
 */
const MAX_HITS_PER_LINE = 20;
const MAX_HITS_PER_FILE = 200;
function createHitOverflow() {
    return { skipped: 0, paths: [] };
}
/**
 * Runs every applicable rule over one file: keyword prefilter, then the rule's own detector.
 * `keywords`: the rules' keywords present in the file when the caller already knows them (the
 * history scan finds them on the raw bytes, see prefilter.ts). Hits past MAX_HITS_PER_LINE or
 * MAX_HITS_PER_FILE are counted in `overflow`, not returned.
 */
function runSecretRules(file, rules, keywords, overflow, 
/** `direct`: the rules on the text only; `views`: only on its normalised views (see below). */
part = 'all', 
/** For `views`: whether a rule's value was already found in the text itself (by hash). */
foundDirectly, 
/** The text's normalised views when already known (history's version delta). */
known) {
    // One pass for all keywords instead of lower-casing the file and searching it once per keyword.
    const present = keywords ?? keywordsPresent(file.content, rules);
    let lines;
    const found = [];
    const perLine = new Map();
    let skipped = 0;
    const seen = new Set();
    const record = (rule, detected) => {
        const onLine = (perLine.get(detected.line) ?? 0) + 1;
        perLine.set(detected.line, onLine);
        if (onLine > MAX_HITS_PER_LINE || found.length >= MAX_HITS_PER_FILE) {
            skipped++;
            return;
        }
        lines ??= file.content.split(/\r\n|\r|\n/);
        // Comment, test, CI, docs and vendored contexts cap the severity (src/secrets/hit-context.ts).
        const match = withHitContext(file.path, rule, detected, lines[detected.line - 1], lines);
        const inlineIgnore = inlineIgnoreReason(lines[match.line - 1], rule.id);
        seen.add(`${rule.id}\u0000${match.secret}`);
        found.push({
            rule,
            match,
            path: file.path,
            severity: match.severity ?? rule.severity,
            secretHash: hashSecret(match.secret),
            ...(inlineIgnore !== undefined ? { inlineIgnore } : {}),
        });
    };
    const withKeywords = { path: file.path, content: file.content, keywords: present };
    for (const rule of part === 'views' ? [] : rules) {
        if (rule.appliesToPath && !rule.appliesToPath(file.path))
            continue;
        if (rule.keywords && !rule.keywords.some((keyword) => present.has(keyword)))
            continue;
        for (const detected of rule.detect(withKeywords))
            record(rule, detected);
    }
    // The same rules over the values the file's written forms denote (joined literals, escapes,
    // YAML block scalars, `ENV K v`…), each hit placed where its value was written; a value the
    // rule found in the text itself is not reported again.
    const views = present.size === 0 || part === 'direct'
        ? []
        : (known ?? normalisedViews(file.path, file.content));
    for (const view of views) {
        const inView = keywordsPresent(view.content, rules);
        const viewFile = { path: view.path, content: view.content, keywords: inView };
        for (const rule of rules) {
            if (rule.appliesToPath)
                continue;
            if (rule.keywords && !rule.keywords.some((keyword) => inView.has(keyword)))
                continue;
            for (const detected of rule.detect(viewFile)) {
                if (seen.has(`${rule.id}\u0000${detected.secret}`))
                    continue;
                if (foundDirectly?.(rule.id, hashSecret(detected.secret)))
                    continue;
                const origin = view.origins[detected.line - 1];
                if (!origin)
                    continue;
                const placed = { ...detected, line: origin.line, column: origin.column };
                delete placed.endLine;
                const before = found.length;
                record(rule, placed);
                if (found.length > before)
                    found[found.length - 1].inView = true;
            }
        }
    }
    if (skipped > 0 && overflow) {
        overflow.skipped += skipped;
        if (overflow.paths.length < 10 && !overflow.paths.includes(file.path))
            overflow.paths.push(file.path);
    }
    return found;
}
/** The note for hits left unprocessed, or undefined when there were none. */
function describeHitOverflow(overflow) {
    if (overflow.skipped === 0)
        return undefined;
    return `${overflow.skipped} more secret hit(s) past the limits of ${MAX_HITS_PER_LINE} per line and ${MAX_HITS_PER_FILE} per file were not processed (in ${overflow.paths.join(', ')}${overflow.paths.length >= 10 ? ', …' : ''})`;
}
/**
 * The values to hand to the redactor and `core.setSecret` for a hit (never printed, never
 * serialised): only values the detector judged to be secrets. A default credential
 * (`postgres`), a placeholder, a command that generates a key, a file path or a value that fails
 * the strength test is reported (so it gets fixed) but never registered: masking it would blank
 * that text from every log line and report (src/core/redactor.ts keeps words out as well).
 */
function valuesToMask(raw) {
    if (raw.match.defaultCredential)
        return [];
    return (raw.match.maskValues ?? [raw.match.secret]).filter(isMaskableSecret);
}
/** A value that may be registered for masking: not a stand-in, a generator or a path. */
function isMaskableSecret(value) {
    return (!isPlaceholderValue(value) &&
        !isGeneratedValue(value) &&
        !isFilePathValue(value) &&
        isSecretLike(value.trim()));
}
/** A secret is its value; a file that is itself the problem (a committed `.env`) is its path. */
function secretIdentity(rule, path, secretHash) {
    return rule.identity === 'path'
        ? { kind: 'path', ruleId: rule.id, file: path }
        : { kind: 'secret', secretHash };
}
/** Turns a raw hit in a checked-out file into a Finding (redacted: the value is not kept). */
function toSecretFinding(raw) {
    return createFinding({
        rule: raw.rule,
        identity: secretIdentity(raw.rule, raw.path, raw.secretHash),
        source: 'tree',
        file: raw.path,
        line: raw.match.line,
        ...(raw.match.endLine !== undefined ? { endLine: raw.match.endLine } : {}),
        ...(raw.match.column !== undefined ? { column: raw.match.column } : {}),
        message: raw.match.message,
        severity: raw.severity,
        ...(raw.match.fix !== undefined ? { fix: raw.match.fix } : {}),
        secret: raw.match.secret,
        secretHash: raw.secretHash,
        ...(raw.inlineIgnore !== undefined
            ? { suppressed: { kind: 'inline', reason: raw.inlineIgnore } }
            : {}),
    });
}

;// CONCATENATED MODULE: ./src/history/blob-scan.ts


/** Identity of one secret across blobs: rule + secret hash. */
function secretKey(ruleId, secretHash) {
    return `${ruleId}\u0000${secretHash}`;
}
function isPathRule(rule) {
    return typeof rule.appliesToPath === 'function';
}
/** Path rules that apply to one of `paths` and haven't run on this blob yet. */
function missingPathRules(scan, paths, pathRules) {
    return pathRules.filter((rule) => scan?.p?.[rule.id] === undefined && paths.some((path) => rule.appliesToPath?.(path) === true));
}
/**
 * Completes `previous` (or starts a new scan) for a blob seen under `paths`. `secrets` receives
 * each detected value by `secretKey` (rule + hash), for masking and for the byte search that
 * tells a range's new secret from an old one; it is never serialised.
 */
function scanBlobText(content, paths, rules, previous, secrets, 
/** The rules' keywords present in `content`, when already known (see secrets/prefilter.ts). */
keywords, 
/** Counts hits past the per-line and per-file limits (secrets/detect.ts). */
overflow, 
/** Receives how many of the content rules' hits (the last of `c`) were found in views. */
inViews, 
/** The text's normalised views at `paths[0]`, when already known. */
views) {
    const firstPath = paths[0] ?? '';
    const scan = previous
        ? { c: previous.c, ...(previous.p ? { p: { ...previous.p } } : {}) }
        : { c: [] };
    if (!previous) {
        const contentRules = rules.filter((rule) => !isPathRule(rule));
        const raws = runSecretRules({ path: firstPath, content }, contentRules, keywords, overflow, 'all', undefined, views);
        if (inViews)
            inViews.count = raws.filter((raw) => raw.inView).length;
        scan.c = toHits(raws, secrets);
    }
    for (const rule of missingPathRules(previous, paths, rules.filter(isPathRule))) {
        const path = paths.find((candidate) => rule.appliesToPath?.(candidate) === true) ?? firstPath;
        scan.p ??= {};
        scan.p[rule.id] = toHits(runSecretRules({ path, content }, [rule], keywords, overflow), secrets);
    }
    return scan;
}
/** Hit records of raw hits; each value goes into `secrets` (never serialised). */
function toHits(raws, secrets) {
    return raws.map((raw) => {
        secrets.set(secretKey(raw.rule.id, raw.secretHash), {
            identity: raw.match.secret,
            mask: valuesToMask(raw),
        });
        const finding = toSecretFinding(raw);
        const hit = {
            ruleId: raw.rule.id,
            line: finding.line,
            message: finding.message,
            severity: finding.severity,
            secretHash: raw.secretHash,
            evidence: redactedEvidence(raw.match.secret),
        };
        if (finding.endLine !== undefined)
            hit.endLine = finding.endLine;
        if (finding.column !== undefined)
            hit.column = finding.column;
        if (finding.fix !== undefined)
            hit.fix = finding.fix;
        if (raw.inlineIgnore !== undefined)
            hit.inlineIgnore = raw.inlineIgnore;
        if (raw.match.validated)
            hit.validated = true;
        return hit;
    });
}

;// CONCATENATED MODULE: ./src/history/version-delta.ts







/** Versions in a row scanned whole after which a path is not tried for a while. */
const MAX_MISSES = 2;
/** Versions of such a path scanned whole before it is tried again. */
const RETRY_AFTER = 8;
/** Smaller files cost less to scan whole than to keep. */
const MIN_VERSION_BYTES = 16 * 1024;
/**
 * Python files cost more to take by their changes (the tokenizer's statements and the view
 * move with them): measured on saleor's and wagtail's histories, a version of 16–64 KiB took
 * as long or longer through the delta, counting the misses and the bases kept, and one of
 * 64 KiB or more about a third as long (src/history/README.md).
 */
const MIN_PYTHON_VERSION_BYTES = 64 * 1024;
/** Bytes compared at once when looking for the common start and end of two versions. */
const COMPARE_CHUNK = 4096;
/**
 * Whether a text file at `path` can be scanned against an earlier version (and kept as one): see
 * above. `bytes` are the whole blob (not truncated, not binary).
 */
function isVersionedText(path, bytes) {
    const least = hasPythonView(path) ? MIN_PYTHON_VERSION_BYTES : MIN_VERSION_BYTES;
    if (bytes.length < least)
        return false;
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    return view.indexOf(13) === -1 && isPlainUtf8(bytes);
}
/** A base from a version scanned whole. */
function createVersionBase(path, bytes, text, hits, counts, rules, 
/** Its Python view's state, when already found (`pythonViewState(text)`). */
python) {
    const copy = Buffer.from(bytes);
    const found = [0];
    collectLineStarts(copy, 0, copy.length, found);
    const starts = Int32Array.from(found);
    return {
        path,
        bytes: copy,
        starts,
        hashes: lineHashes(copy, starts, 0, starts.length),
        hits,
        counts,
        viewLines: lineViewLines(path, text),
        inFile: patternsInFile(rules, path, text),
        ...(hasPythonView(path) ? { python: python ?? pythonViewState(text) } : {}),
    };
}
/** Ids of the rules whose `unlessInFile` pattern occurs in `text`. */
function patternsInFile(rules, path, text) {
    const found = new Set();
    for (const rule of rules) {
        const scope = rule.scope?.(path);
        if (scope?.kind === 'lines' && scope.unlessInFile?.test(text))
            found.add(rule.id);
    }
    return found;
}
/**
 * This version's view lines: the base's outside the hunks, moved by the lines added or
 * removed before them, and those of each hunk's new text (`changed[i]` is hunk `i`'s).
 */
function movedViewLines(baseLines, hunks, path, changed) {
    const lines = [];
    let k = 0;
    let shift = 0;
    hunks.forEach((hunk, i) => {
        for (; k < baseLines.length && baseLines[k] - 1 < hunk.aFrom; k++)
            lines.push(baseLines[k] + shift);
        while (k < baseLines.length && baseLines[k] - 1 < hunk.aTo)
            k++;
        for (const line of lineViewLines(path, changed[i] ?? ''))
            lines.push(hunk.bFrom + line);
        shift += hunk.bTo - hunk.bFrom - (hunk.aTo - hunk.aFrom);
    });
    for (; k < baseLines.length; k++)
        lines.push(baseLines[k] + shift);
    return lines;
}
/**
 * The text the line views and their hits' context read: the view lines and the
 * `FAKE_BLOCK_LINES` above each (the fake-marker look-back), every other line blank, so lines
 * keep their numbers. Undefined if a line can't be decoded alone.
 */
function viewSource(bytes, starts, viewLines) {
    const text = new Array(starts.length).fill('');
    for (const line of viewLines)
        for (let index = Math.max(0, line - 1 - FAKE_BLOCK_LINES); index < line; index++) {
            if (text[index] !== '')
                continue;
            const start = starts[index] ?? bytes.length;
            const next = starts[index + 1];
            const decoded = decodeUtf8Slice(bytes.subarray(start, next === undefined ? bytes.length : next - 1));
            if (decoded === undefined)
                return undefined;
            text[index] = decoded;
        }
    return text.join('\n');
}
/** Starts of the lines after each LF in `bytes[from, to)`. */
function collectLineStarts(bytes, from, to, into) {
    const part = bytes.subarray(from, to);
    for (let at = part.indexOf(10); at !== -1; at = part.indexOf(10, at + 1))
        into.push(from + at + 1);
}
function commonPrefix(a, b) {
    const limit = Math.min(a.length, b.length);
    let at = 0;
    while (at + COMPARE_CHUNK <= limit &&
        a.compare(b, at, at + COMPARE_CHUNK, at, at + COMPARE_CHUNK) === 0)
        at += COMPARE_CHUNK;
    while (at < limit && a[at] === b[at])
        at++;
    return at;
}
function commonSuffix(a, b, limit) {
    let length = 0;
    while (length + COMPARE_CHUNK <= limit &&
        a.compare(b, b.length - length - COMPARE_CHUNK, b.length - length, a.length - length - COMPARE_CHUNK, a.length - length) === 0)
        length += COMPARE_CHUNK;
    while (length < limit && a[a.length - 1 - length] === b[b.length - 1 - length])
        length++;
    return length;
}
/** Edit distance (lines) past which the changed middle is taken as one hunk. */
const MAX_LINE_EDITS = 64;
/** FNV-1a over each line's bytes (with its LF), for lines `[from, to)`. */
function lineHashes(bytes, starts, from, to) {
    const hashes = new Int32Array(to - from);
    for (let line = from; line < to; line++) {
        const end = line + 1 < starts.length ? (starts[line + 1] ?? bytes.length) : bytes.length;
        let hash = 0x811c9dc5;
        for (let i = starts[line] ?? 0; i < end; i++)
            hash = Math.imul(hash ^ bytes[i], 0x01000193);
        hashes[line - from] = hash;
    }
    return hashes;
}
/**
 * The hunks between lines `[first, countA)` of `a` and `[first, countB)` of `b` (the part
 * between their common start and end): Myers' shortest edit script over line hashes, then every
 * line it calls equal checked byte for byte. One hunk for the whole part when the edits are many
 * or a hash collided.
 */
function lineHunks(a, startsA, b, startsB, first, countA, countB, 
/** Every line's hash in each (`lineHashes`), when known; else the part's are computed. */
hashes) {
    const whole = [{ aFrom: first, aTo: countA, bFrom: first, bTo: countB }];
    const n = countA - first;
    const m = countB - first;
    if (n === 0 || m === 0)
        return whole;
    const x = hashes ? hashes.a.subarray(first, countA) : lineHashes(a, startsA, first, countA);
    const y = hashes ? hashes.b.subarray(first, countB) : lineHashes(b, startsB, first, countB);
    const max = Math.min(MAX_LINE_EDITS, n + m);
    const offset = max + 1;
    const v = new Int32Array(2 * max + 3);
    const trace = [];
    let found = -1;
    for (let d = 0; d <= max && found === -1; d++) {
        trace.push(v.slice());
        for (let k = -d; k <= d; k += 2) {
            let i = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])
                ? v[offset + k + 1]
                : v[offset + k - 1] + 1;
            let j = i - k;
            while (i < n && j < m && x[i] === y[j]) {
                i++;
                j++;
            }
            v[offset + k] = i;
            if (i >= n && j >= m) {
                found = d;
                break;
            }
        }
    }
    if (found === -1)
        return whole;
    // Back from the end: the equal runs, last first.
    const runs = [];
    let i = n;
    let j = m;
    for (let d = found; d > 0; d--) {
        const before = trace[d];
        const k = i - j;
        const prevK = k === -d || (k !== d && before[offset + k - 1] < before[offset + k + 1]) ? k + 1 : k - 1;
        const prevI = before[offset + prevK];
        const prevJ = prevI - prevK;
        const startI = prevK === k + 1 ? prevI : prevI + 1;
        const startJ = startI - k;
        if (i > startI)
            runs.push([startI, startJ, i - startI]);
        i = prevI;
        j = prevJ;
    }
    if (i > 0)
        runs.push([0, 0, i]);
    runs.reverse();
    const hunks = [];
    let ai = 0;
    let bj = 0;
    for (const [runI, runJ, length] of runs) {
        if (runI > ai || runJ > bj)
            hunks.push({ aFrom: first + ai, aTo: first + runI, bFrom: first + bj, bTo: first + runJ });
        // Equal by hash: equal by bytes too, or a hash collided.
        const fromA = startsA[first + runI] ?? 0;
        const toA = first + runI + length < startsA.length ? startsA[first + runI + length] : a.length;
        const fromB = startsB[first + runJ] ?? 0;
        const toB = first + runJ + length < startsB.length ? startsB[first + runJ + length] : b.length;
        if (toA - fromA !== toB - fromB || a.compare(b, fromB, toB, fromA, toA) !== 0)
            return whole;
        ai = runI + length;
        bj = runJ + length;
    }
    if (ai < n || bj < m)
        hunks.push({ aFrom: first + ai, aTo: countA, bFrom: first + bj, bTo: countB });
    return hunks;
}
/**
 * The scan of `bytes` (a version of `base.path`) from `base`, with the next base; undefined when
 * this version must be scanned whole (it isn't such a text, most of it changed, or the hit limits
 * could come into play). The rules' keywords in `bytes` are counted from the changed lines
 * (`prefilter`); `secrets` receives the values of the hits found here (the base's were recorded
 * when it was scanned). A version without any keyword is `clean`, as the prefilter would have
 * decided.
 */
function scanAgainstBase(base, bytes, rules, prefilter, secrets) {
    const { path } = base;
    if (!isVersionedText(path, bytes))
        return undefined;
    const a = base.bytes;
    // A copy: kept as the next base.
    const b = Buffer.from(bytes);
    const prefix = commonPrefix(a, b);
    const suffix = commonSuffix(a, b, Math.min(a.length, b.length) - prefix);
    const endA = a.length - suffix;
    const endB = b.length - suffix;
    // Lines before `first` are the same in both; lines from `countA` of the base on are the same as
    // lines from `countB` of this version on. Between, the hunks say which lines changed.
    const first = lineIndexAt(base.starts, prefix);
    const countA = countAtMost(base.starts, endA);
    const middle = [];
    collectLineStarts(b, prefix, endB, middle);
    const suffixStarts = base.starts.subarray(countA);
    const starts = new Int32Array(first + 1 + middle.length + suffixStarts.length);
    starts.set(base.starts.subarray(0, first + 1));
    starts.set(middle, first + 1);
    const delta = b.length - a.length;
    let at = first + 1 + middle.length;
    // Indexed: `for…of` over a typed array allocated an iterator result per line here (measured).
    for (let i = 0; i < suffixStarts.length; i++)
        starts[at++] = suffixStarts[i] + delta;
    const countB = first + 1 + middle.length;
    // Lines before `first` and from `countB` on are the base's, byte for byte: so are their hashes.
    const hashes = new Int32Array(starts.length);
    hashes.set(base.hashes.subarray(0, first));
    hashes.set(lineHashes(b, starts, first, countB), first);
    hashes.set(base.hashes.subarray(countA), countB);
    const hunks = lineHunks(a, base.starts, b, starts, first, countA, countB, {
        a: base.hashes,
        b: hashes,
    });
    const startOf = (own, length, line) => line < own.length ? (own[line] ?? length) : length;
    const bytesOf = (buffer, own, from, to) => buffer.subarray(startOf(own, buffer.length, from), startOf(own, buffer.length, to));
    let changedBytes = 0;
    for (const hunk of hunks)
        changedBytes += bytesOf(b, starts, hunk.bFrom, hunk.bTo).length;
    // Mostly changed: a whole scan costs less.
    if (changedBytes * 2 > b.length)
        return undefined;
    // The keywords of this version: the base's counts, less the old changed lines', plus the new.
    const counts = new Map(base.counts);
    const changedA = [];
    const changedB = [];
    for (const hunk of hunks) {
        const old = bytesOf(a, base.starts, hunk.aFrom, hunk.aTo);
        const now = bytesOf(b, starts, hunk.bFrom, hunk.bTo);
        const removed = prefilter.keywordCounts(old);
        const added = prefilter.keywordCounts(now);
        const oldText = decodeUtf8Slice(old);
        const nowText = decodeUtf8Slice(now);
        if (!removed || !added || oldText === undefined || nowText === undefined)
            return undefined;
        for (const [keyword, count] of removed) {
            const left = (counts.get(keyword) ?? 0) - count;
            if (left > 0)
                counts.set(keyword, left);
            else
                counts.delete(keyword);
        }
        for (const [keyword, count] of added)
            counts.set(keyword, (counts.get(keyword) ?? 0) + count);
        changedA.push(oldText);
        changedB.push(nowText);
    }
    const keywords = new Set(counts.keys());
    // Joined by line breaks: no keyword or pattern looked for here spans one.
    const changedTextA = changedA.join('\n');
    const changedTextB = changedB.join('\n');
    const changedLowerA = changedTextA.toLowerCase();
    const changedLowerB = changedTextB.toLowerCase();
    const viewLines = movedViewLines(base.viewLines, hunks, path, changedB);
    const contentRules = rules.filter((rule) => !isPathRule(rule));
    const baseHits = new Map();
    for (const hit of base.hits) {
        const list = baseHits.get(hit.ruleId);
        if (list)
            list.push(hit);
        else
            baseHits.set(hit.ruleId, [hit]);
    }
    const mentions = (rule, text) => (rule.keywords ?? []).some((keyword) => text.includes(keyword.toLowerCase()));
    /** Whether base line `index` is within `reach` lines of a changed line of the base. */
    const nearChange = (index, reach) => hunks.some((hunk) => index >= hunk.aFrom - reach && index <= hunk.aTo - 1 + reach);
    let radius = FAKE_BLOCK_LINES;
    const plans = new Map();
    for (const rule of contentRules) {
        if (rule.keywords === undefined)
            return undefined;
        if (!rule.keywords.some((keyword) => keywords.has(keyword))) {
            plans.set(rule, 'none');
            continue;
        }
        // The rule did not run on the base: its hits there are unknown.
        if (!rule.keywords.some((keyword) => base.counts.has(keyword))) {
            plans.set(rule, 'whole');
            continue;
        }
        const scope = rule.scope?.(path) ?? { kind: 'file' };
        let plan;
        if (scope.kind === 'lines') {
            const fileWide = scope.unlessInFile !== undefined &&
                (base.inFile.has(rule.id) || scope.unlessInFile.test(changedTextB));
            plan = fileWide ? 'whole' : 'window';
            if (!fileWide)
                radius = Math.max(radius, scope.radius);
        }
        else if (scope.kind === 'keyword-lines')
            // A hit near the change may change with it (the fake-marker look-back reads lines above).
            plan =
                mentions(rule, changedLowerA) ||
                    mentions(rule, changedLowerB) ||
                    (baseHits.get(rule.id) ?? []).some((hit) => nearChange(hit.line - 1, FAKE_BLOCK_LINES))
                    ? 'whole'
                    : 'keep';
        else if (scope.kind === 'keyword-hits')
            plan = baseHits.has(rule.id) || mentions(rule, changedLowerB) ? 'whole' : 'none';
        else
            plan = 'whole';
        plans.set(rule, plan);
    }
    const overflow = createHitOverflow();
    const found = new Map();
    const run = (planned, content, lineOffset, keep) => {
        const chosen = contentRules.filter((rule) => plans.get(rule) === planned);
        if (chosen.length === 0)
            return;
        for (const raw of runSecretRules({ path, content }, chosen, keywords, overflow, 'direct')) {
            raw.match = { ...raw.match, line: raw.match.line + lineOffset };
            if (!keep(raw.match.line - 1))
                continue;
            const list = found.get(raw.rule.id);
            if (list)
                list.push(raw);
            else
                found.set(raw.rule.id, [raw]);
        }
    };
    // Windows: each group of hunks and twice the radius around it, of which the changed lines and
    // one radius around them are taken (each of those lines has its whole context inside).
    const lines = starts.length;
    const groups = [];
    for (const hunk of hunks) {
        const last = groups[groups.length - 1];
        if (last && hunk.bFrom - 2 * radius <= last.bTo - 1 + 2 * radius + 1)
            groups[groups.length - 1] = { ...last, aTo: hunk.aTo, bTo: hunk.bTo };
        else
            groups.push({ ...hunk });
    }
    const inner = (index) => groups.some((group) => index >= group.bFrom - radius && index <= group.bTo - 1 + radius);
    const windowed = [...plans.values()].includes('window');
    for (const group of windowed ? groups : []) {
        const from = Math.max(0, group.bFrom - 2 * radius);
        const to = Math.min(lines - 1, group.bTo - 1 + 2 * radius);
        const text = decodeUtf8Slice(bytesOf(b, starts, from, to + 1));
        if (text === undefined)
            return undefined;
        run('window', text, from, inner);
    }
    for (const raws of found.values())
        for (const raw of raws)
            if (raw.match.endLine !== undefined && raw.match.endLine !== raw.match.line)
                return undefined;
    // The Python view of this version from the base's and the changed lines; other whole-file
    // views read the whole text whenever the rules run at all (see runSecretRules).
    let python;
    if (base.python) {
        python = nextPythonViewState(base.python, hunks, {
            baseStarts: base.starts,
            starts,
            baseLength: a.length,
            length: b.length,
            text: (from, to) => decodeUtf8Slice(bytesOf(b, starts, from, to)),
        });
        if (!python)
            return undefined;
    }
    const wholeView = hasWholeFileView(path) && !python && keywords.size > 0;
    const whole = [...plans.values()].includes('whole') || wholeView ? decodeUtf8Slice(b) : '';
    if (whole === undefined)
        return undefined;
    run('whole', whole, 0, () => true);
    // Without the whole text: the base's and the new lines' (a pattern absent from both is absent
    // from this version; one removed by the change is still counted, which only costs speed).
    const inFile = whole === ''
        ? new Set([...base.inFile, ...patternsInFile(contentRules, path, changedTextB)])
        : patternsInFile(contentRules, path, whole);
    // The base's hits away from the changed lines, moved to this version's lines.
    const moved = (hit) => {
        let shift = 0;
        for (const hunk of hunks) {
            if (hunk.aFrom > hit.line - 1)
                break;
            shift += hunk.bTo - hunk.bFrom - (hunk.aTo - hunk.aFrom);
        }
        if (shift === 0)
            return hit;
        const next = { ...hit, line: hit.line + shift };
        if (hit.endLine !== undefined)
            next.endLine = hit.endLine + shift;
        return next;
    };
    const hits = [];
    for (const rule of contentRules) {
        const plan = plans.get(rule);
        const own = baseHits.get(rule.id) ?? [];
        const raws = found.get(rule.id) ?? [];
        if (plan === 'whole')
            hits.push(...toHits(raws, secrets));
        else if (plan === 'keep') {
            // Not on a changed line: a hit there would have a keyword on it (the rule's scope).
            if (own.some((hit) => nearChange(hit.line - 1, 0)))
                return undefined;
            hits.push(...own.map(moved));
        }
        else if (plan === 'window') {
            // In line order: the base's kept hits and the windows' hits, merged.
            const kept = [];
            for (const hit of own) {
                if (hit.endLine !== undefined && hit.endLine !== hit.line)
                    return undefined;
                // Outside every window's taken lines (their base lines): not scanned again.
                const index = hit.line - 1;
                if (!groups.some((group) => index >= group.aFrom - radius && index <= group.aTo - 1 + radius))
                    kept.push(moved(hit));
            }
            const fresh = toHits(raws, secrets);
            const merged = [];
            let k = 0;
            for (const hit of fresh) {
                while (k < kept.length && kept[k].line < hit.line)
                    merged.push(kept[k++]);
                merged.push(hit);
            }
            while (k < kept.length)
                merged.push(kept[k++]);
            hits.push(...merged);
        }
    }
    // The views, without the values found in the text itself. Views skip a text past their size
    // limit in characters: an ASCII text has one per byte, another is decoded to count them.
    const all = [...hits];
    const sized = isNormalisedLength(b.length);
    let viewed;
    if (keywords.size > 0 && (sized || !(0,external_node_buffer_namespaceObject.isAscii)(b))) {
        if (!sized || wholeView)
            viewed = { content: whole || decodeUtf8Slice(b) };
        else if (python) {
            // The view's lines come from wherever its values were written: those lines are the text.
            const view = pythonViewOf(path, python);
            if (view) {
                const lines = [...new Set(view.origins.map((origin) => origin.line))];
                viewed = { content: viewSource(b, starts, lines), views: [view] };
            }
        }
        else if (viewLines.length > 0)
            viewed = { content: viewSource(b, starts, viewLines) };
    }
    if (viewed) {
        if (viewed.content === undefined)
            return undefined;
        const direct = new Set(hits.map((hit) => `${hit.ruleId}\u0000${hit.secretHash}`));
        const raws = runSecretRules({ path, content: viewed.content }, contentRules, keywords, overflow, 'views', (ruleId, secretHash) => direct.has(`${ruleId}\u0000${secretHash}`), viewed.views);
        all.push(...toHits(raws, secrets));
    }
    if (overflow.skipped > 0)
        return undefined;
    // Within the limits, a whole scan drops nothing, so the hits are the same.
    if (all.length > MAX_HITS_PER_FILE)
        return undefined;
    const perLine = new Map();
    for (const hit of all) {
        const count = (perLine.get(hit.line) ?? 0) + 1;
        if (count > MAX_HITS_PER_LINE)
            return undefined;
        perLine.set(hit.line, count);
    }
    return {
        // No keyword: the prefilter would have settled it without decoding.
        scan: keywords.size === 0 ? 'clean' : { c: all },
        base: {
            path,
            bytes: b,
            starts,
            hashes,
            hits,
            counts,
            viewLines,
            inFile,
            ...(python ? { python } : {}),
        },
    };
}
/**
 * The latest version of each path kept as a base, least recently used dropped first past
 * `maxBytes` (the bytes are most of a base's size).
 */
class VersionStore {
    maxBytes;
    bases = new Map();
    bytes = 0;
    /** Versions in a row that had to be scanned whole, by path. */
    misses = new Map();
    constructor(maxBytes) {
        this.maxBytes = maxBytes;
    }
    /**
     * Whether to try `path`'s next version against its base. A file whose versions keep changing
     * all over (a translation catalogue whose every reference comment moves) costs the attempt and
     * then a whole scan: after `MAX_MISSES` misses in a row its next `RETRY_AFTER` versions are
     * scanned whole, then it is tried again (a changelog that met a distant branch's version).
     */
    worthTrying(path) {
        const misses = this.misses.get(path) ?? 0;
        if (misses < MAX_MISSES)
            return true;
        if (misses >= MAX_MISSES + RETRY_AFTER) {
            this.misses.delete(path);
            return true;
        }
        this.misses.set(path, misses + 1);
        return false;
    }
    /** Records whether a version of `path` could be scanned against its base. */
    record(path, scannedAgainstBase) {
        if (scannedAgainstBase)
            this.misses.delete(path);
        else
            this.misses.set(path, (this.misses.get(path) ?? 0) + 1);
    }
    get(path) {
        const base = this.bases.get(path);
        if (base) {
            // Most recently used last.
            this.bases.delete(path);
            this.bases.set(path, base);
        }
        return base;
    }
    set(base) {
        this.drop(base.path);
        if (base.bytes.length > this.maxBytes)
            return;
        this.bases.set(base.path, base);
        this.bytes += base.bytes.length;
        for (const [path] of this.bases) {
            if (this.bytes <= this.maxBytes)
                break;
            this.drop(path);
        }
    }
    drop(path) {
        const base = this.bases.get(path);
        if (!base)
            return;
        this.bases.delete(path);
        this.bytes -= base.bytes.length;
    }
}

;// CONCATENATED MODULE: ./src/history/blob-job.ts





/** True when a path rule applies to one of `paths` and hasn't run on the blob yet. */
function needsPathRule(pathRules, paths, previous) {
    for (const rule of pathRules)
        if (previous?.p?.[rule.id] === undefined && paths.some((path) => rule.appliesToPath?.(path)))
            return true;
    return false;
}
/**
 * Whether a content rule that reads files at `path` (its first path, the one content rules get)
 * has one of `keywords`: otherwise no rule can match. A rule that ignores the path (a translation
 * catalogue for DDG122) finds nothing there whatever the text; with normalised views possible,
 * every keyword counts (a view is read by every rule).
 */
function anyRuleReads(rules, keywords, path) {
    if (keywords.size === 0)
        return false;
    if (path === undefined || hasNormalisedViews(path))
        return true;
    return rules.some((rule) => !rule.appliesToPath &&
        !rule.ignoresPath?.(path) &&
        (rule.keywords ?? []).some((keyword) => keywords.has(keyword)));
}
function scanBlobJob(job, context) {
    const { content, previous, paths } = job;
    if (isBinaryContent(content)) {
        // Binary: nothing any rule could read; remember it so it is never read again.
        const applicable = missingPathRules(undefined, paths, context.pathRules);
        return applicable.length > 0
            ? {
                scan: { c: [], p: Object.fromEntries(applicable.map((rule) => [rule.id, []])) },
                binary: true,
            }
            : { scan: 'clean', binary: true };
    }
    // A large text file's next version: only its changed lines (version-delta.ts).
    const path = paths[0];
    const versions = context.versions !== undefined &&
        path !== undefined &&
        !previous &&
        !job.truncated &&
        !needsPathRule(context.pathRules, paths, undefined) &&
        context.versions.worthTrying(path) &&
        isVersionedText(path, content)
        ? context.versions
        : undefined;
    const base = path === undefined ? undefined : versions?.get(path);
    if (base) {
        const found = new Map();
        const next = scanAgainstBase(base, content, context.rules, context.prefilter, found);
        versions?.record(base.path, next !== undefined);
        if (next) {
            versions?.set(next.base);
            return { scan: next.scan, ...(found.size > 0 ? { secrets: [...found] } : {}) };
        }
    }
    // The byte prefilter looks for ASCII keywords, which UTF-16 spells with NULs between. A file
    // kept as a base has its keywords counted, so that its next version can be counted from its
    // changed lines.
    const counts = versions ? context.prefilter.keywordCounts(content) : undefined;
    const keywords = counts
        ? new Set(counts.keys())
        : hasUtf16Bom(content)
            ? undefined
            : context.prefilter.keywordsIn(content);
    if (keywords !== undefined &&
        !previous &&
        !needsPathRule(context.pathRules, paths, previous) &&
        !anyRuleReads(context.rules, keywords, path))
        return { scan: 'clean' };
    const text = decodeBlob(content, job.truncated) ?? '';
    const outcome = { scan: undefined };
    if (job.truncated)
        outcome.debug = `history: blob ${job.id.slice(0, 12)} is ${job.size} bytes; scanned its first ${context.maxBlobBytes}`;
    const secrets = new Map();
    const overflow = createHitOverflow();
    try {
        const inViews = { count: 0 };
        // A Python text kept as a base: its view's state, tokenized once for the scan and the base.
        const python = versions && path !== undefined && hasPythonView(path) ? pythonViewState(text) : undefined;
        outcome.scan = scanBlobText(text, paths, context.rules, previous, secrets, keywords, overflow, inViews, python && path !== undefined ? pythonViews(path, text, python) : undefined);
        const skipped = describeHitOverflow(overflow);
        if (skipped !== undefined)
            outcome.warning = `history: blob ${job.id.slice(0, 12)}: ${skipped}`;
        else if (versions && path !== undefined && counts) {
            const direct = outcome.scan.c.slice(0, outcome.scan.c.length - inViews.count);
            versions.set(createVersionBase(path, content, text, direct, counts, context.rules, python));
        }
    }
    catch (error) {
        // A detector bug on odd content must not sink the whole scan; the blob stays unscanned
        // (not cached), so the next run tries again.
        outcome.warning = `history: a secret rule failed on blob ${job.id.slice(0, 12)} (${paths[0] ?? '?'}): ${error.message}`;
    }
    if (secrets.size > 0)
        outcome.secrets = [...secrets];
    return outcome;
}

;// CONCATENATED MODULE: ./src/history/scan-worker.ts






/**
 * Entry of a history scan worker thread (bundled on its own as history-worker.js, see
 * scan-workers.ts): runs `scanBlobJob` on each blob of a batch, with the registry's rules named
 * by the main thread, and answers with the outcomes in order.
 */
const setup = external_node_worker_threads_namespaceObject.workerData;
const byId = new Map(secretRules.map((rule) => [rule.id, rule]));
const rules = setup.ruleIds.map((id) => byId.get(id)).filter((rule) => rule !== undefined);
const context = {
    rules,
    pathRules: rules.filter(isPathRule),
    prefilter: createBytePrefilter(rules),
    maxBlobBytes: setup.maxBlobBytes,
    ...(setup.versionStoreBytes > 0 ? { versions: new VersionStore(setup.versionStoreBytes) } : {}),
};
external_node_worker_threads_namespaceObject.parentPort?.on('message', (request) => {
    let reply;
    try {
        if (rules.length !== setup.ruleIds.length)
            throw new Error('unknown rule id');
        const bytes = new Uint8Array(request.buffer);
        const outcomes = request.items.map((item) => scanBlobJob({
            id: item.id,
            content: bytes.subarray(item.start, item.start + item.length),
            size: item.size,
            truncated: item.truncated,
            paths: item.paths,
            ...(item.previous ? { previous: item.previous } : {}),
        }, context));
        reply = { batch: request.batch, outcomes };
    }
    catch (error) {
        reply = { batch: request.batch, error: error.message };
    }
    external_node_worker_threads_namespaceObject.parentPort?.postMessage(reply);
});

