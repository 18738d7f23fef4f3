# bash completion for fu(1)                              -*- shell-script -*-
# SPDX-License-Identifier: MIT
#
# Every candidate comes from fu itself (fu __complete WHAT), so this file
# knows the shape of each command's words but no option, kind, outcome,
# key or name: they cannot drift from what fu accepts. The user's
# applications, contacts and companies are read from the database the
# line names (--db PATH), else from FU_DB or the default; fu matches them
# as references match (fu show ac<TAB> gives Acme, mu gives Müller). A
# FU_DB=PATH typed before fu on the line cannot be read: bash leaves it
# out of COMP_WORDS and COMP_LINE before it calls _fu.

# _fu_call WHAT...: fu __complete WHAT..., one candidate a line.
_fu_call()
{
    if [[ -n ${_fu_db-} ]]; then
        command fu --db "$_fu_db" __complete "$@" 2>/dev/null
    else
        command fu __complete "$@" 2>/dev/null
    fi
}

# _fu_unquote: the word being completed as fu reads it, into _fu_word,
# and the quote the user opened ("" for none) into _fu_quote.
_fu_unquote()
{
    local word=$cur i c plain=""
    _fu_quote=""
    case $word in
        \"*) _fu_quote=\" word=${word#\"} ;;
        \'*) _fu_quote=\' word=${word#\'} ;;
        *)
            # what the user typed, without its backslashes
            for ((i = 0; i < ${#word}; i++)); do
                c=${word:i:1}
                if [[ $c == \\ ]]; then
                    ((i++))
                    c=${word:i:1}
                fi
                plain+=$c
            done
            word=$plain
            ;;
    esac
    _fu_word=$word
}

# _fu_offer LINES [fu]: add to COMPREPLY those of LINES (one candidate a
# line) that start with the word being completed (all of them with "fu":
# fu matched them already, as references match, case and accents aside),
# quoted for the line: Dana\ Reyes; "Dana Reyes" or 'O'\''Brien' in the
# quote the user opened (readline closes it). Nothing in a name is ever
# expanded ($, `, !).
_fu_offer()
{
    local line q
    while IFS= read -r line; do
        [[ -n $line ]] || continue
        [[ ${2-} == fu || $line == "$_fu_word"* ]] || continue
        case $_fu_quote in
            \")
                q=${line//\\/\\\\}
                q=${q//\"/\\\"}
                q=${q//\$/\\\$}
                q=${q//\`/\\\`}
                ;;
            \') q=${line//\'/\'\\\'\'} ;;
            *) printf -v q '%q' "$line" ;;
        esac
        COMPREPLY+=("$q")
    done <<<"$1"
}

# _fu_offer_list WORDS: like _fu_offer, for words that need no quoting
# (a value such as desktop,mail: %q would write desktop\,mail).
_fu_offer_list()
{
    local line
    while IFS= read -r line; do
        [[ -n $line && $line == "$cur"* ]] && COMPREPLY+=("$line")
    done <<<"$1"
}

# _fu_is_arg_option WORD: WORD is one of the options in $_fu_argopts.
_fu_is_arg_option()
{
    [[ $'\n'$_fu_argopts$'\n' == *$'\n'"$1"$'\n'* ]]
}

_fu()
{
    local cur prev words cword split
    _init_completion -s -n : || return

    local _fu_db="" _fu_argopts cmd="" sub="" i w _fu_word _fu_quote
    local -a pos=()
    _fu_unquote

    # the database the line names
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            --db) _fu_db=${words[i + 1]-} ;;
            --db=*) _fu_db=${words[i]#--db=} ;;
        esac
    done
    [[ $_fu_db == \~/* ]] && _fu_db=$HOME/${_fu_db#\~/}

    # the command, and the words after it that are not options or values
    _fu_argopts=$(_fu_call arg-options)
    local dashdash=""
    for ((i = 1; i < cword; i++)); do
        w=${words[i]}
        if [[ -z $dashdash && $w == -?* && $w != -[0-9]* ]]; then
            [[ $w == -- ]] && dashdash=1 && continue
            [[ $w != *=* ]] && _fu_is_arg_option "$w" && ((i++))
            continue
        fi
        if [[ -z $cmd ]]; then
            cmd=$w
            _fu_argopts=$(_fu_call arg-options "$cmd")
        elif [[ ($cmd == add || $cmd == mail || $cmd == sync) && -z $sub ]]; then
            sub=$w
            _fu_argopts=$(_fu_call arg-options "$cmd" "$sub")
        else
            pos+=("$w")
        fi
    done

    # the value of an option
    if [[ -z $dashdash ]] && _fu_is_arg_option "$prev"; then
        case $prev in
            --db | --eml | --output | -o)
                _filedir
                ;;
            --rules) _fu_offer "$(_fu_call report-rules)" ;;
            --format) _fu_offer "$(_fu_call formats)" ;;
            --on) _fu_offer "$(_fu_call refs)" ;;
            --as) _fu_offer "$(_fu_call kinds)" ;;
            --color) _fu_offer "$(_fu_call colors)" ;;
            --with | --contact | --to | --drop-contact)
                _fu_offer "$(_fu_call contacts "$_fu_word")" fu
                ;;
            --company) _fu_offer "$(_fu_call companies "$_fu_word")" fu ;;
            --separator) _fu_offer "$(_fu_call separators)" ;;
            --outcome) _fu_offer "$(_fu_call outcomes)" ;;
            --channel)
                if [[ $cmd == draft ]]; then
                    _fu_offer $'email\nphone\nletter'
                else
                    _fu_offer "$(_fu_call channels)"
                fi
                ;;
            --prefers)
                _fu_offer "$(_fu_call prefers)"
                [[ $cmd == edit ]] && _fu_offer none
                ;;
            --source) _fu_offer "$(_fu_call sources)" ;;
            --action) _fu_offer "$(_fu_call actions)" ;;
            --via) _fu_offer_list "$(_fu_call config-values notify.via "$cur")" ;;
        esac
        [[ ${COMPREPLY-} ]] && __ltrim_colon_completions "$cur"
        return
    fi
    [[ $split == true ]] && return

    # an option
    if [[ -z $dashdash && $cur == -* ]]; then
        if [[ -z $cmd ]]; then
            _fu_offer "$(_fu_call options)"
        elif [[ ($cmd == add || $cmd == mail || $cmd == sync) && -z $sub ]]; then
            _fu_offer "$(_fu_call options "$cmd" "")"
        else
            _fu_offer "$(_fu_call options "$cmd" ${sub:+"$sub"})"
        fi
        return
    fi

    # a word
    if [[ -z $cmd ]]; then
        _fu_offer "$(_fu_call commands)"
        return
    fi
    case $cmd in
        add)
            [[ -z $sub ]] && _fu_offer "$(_fu_call options add)"
            ;;
        mail)
            case $sub in
                "") _fu_offer "$(_fu_call options mail)" ;;
                scan) _filedir ;;
                accept | ignore) _fu_offer "$(_fu_call proposals)" ;;
            esac
            ;;
        sync)
            if [[ -z $sub ]]; then
                _fu_offer "$(_fu_call options sync)"
            elif [[ $sub == init ]] && ((${#pos[@]} == 0)); then
                _filedir -d
            fi
            ;;
        log | draft)
            case ${#pos[@]} in
                0) _fu_offer "$(_fu_call refs "$_fu_word")" fu ;;
                1)
                    if [[ $cmd == log ]]; then
                        _fu_offer "$(_fu_call kinds)"
                    else
                        _fu_offer "$(_fu_call actions)"
                    fi
                    ;;
            esac
            ;;
        close)
            ((${#pos[@]} == 0)) && _fu_offer "$(_fu_call applications "$_fu_word")" fu
            ;;
        due | show | edit | undo)
            ((${#pos[@]} == 0)) && _fu_offer "$(_fu_call refs "$_fu_word")" fu
            ;;
        list)
            ((${#pos[@]} == 0)) && _fu_offer $'applications\ncontacts'
            ;;
        config)
            case ${#pos[@]} in
                0) _fu_offer "$(_fu_call config-keys)" ;;
                1) _fu_offer_list "$(_fu_call config-values "${pos[0]}" "$cur")" ;;
            esac
            ;;
        rules)
            ((${#pos[@]} == 0)) && _fu_offer "$(_fu_call rules)"
            ;;
        backup | import)
            ((${#pos[@]} == 0)) && _filedir
            ;;
        help)
            ((${#pos[@]} == 0)) && _fu_offer "$(_fu_call commands)"
            ;;
    esac
    [[ ${COMPREPLY-} ]] && __ltrim_colon_completions "$cur"
} &&
    complete -F _fu fu

# ex: filetype=sh
