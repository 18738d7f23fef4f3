# SPDX-License-Identifier: MIT
# fish completion for fu(1)
#
# Every candidate comes from fu itself (fu __complete WHAT), so this file
# knows the shape of each command's words but no option, kind, outcome,
# key or name: they cannot drift from what fu accepts. The user's
# applications and contacts are read from the database the line names
# (--db PATH, or FU_DB=PATH before fu), else from FU_DB or the default.

# __fu_call WHAT...: fu __complete WHAT..., one candidate a line, each
# with a tab and its description (fish shows it beside the candidate).
function __fu_call
    command -q fu; or return
    set -l db
    set -l env
    for w in (commandline -opc)
        switch $w
            case 'FU_DB=*'
                set env (string replace -r '^FU_DB=' '' -- $w)
            case '--db=*'
                set db --db (string replace -r '^--db=' '' -- $w)
        end
    end
    set -l tokens (commandline -opc)
    set -l i (contains -i -- --db $tokens)
    and set -q tokens[(math $i + 1)]
    and set db --db $tokens[(math $i + 1)]
    if test -n "$env"
        FU_DB=$env command fu $db __complete --describe $argv 2>/dev/null
    else
        command fu $db __complete --describe $argv 2>/dev/null
    end
end

# __fu_value OPTION CMD: the values OPTION takes.
function __fu_value
    switch $argv[1]
        case --db --eml --output -o
            __fish_complete_path (commandline -ct | string replace -r -- '^--[^=]*=' '')
        case --rules
            __fu_call report-rules
        case --format
            __fu_call formats
        case --on
            __fu_call refs
        case --as
            __fu_call kinds
        case --color
            __fu_call colors
        case --with --contact --to --drop-contact
            __fu_call contacts (__fu_word)
        case --company
            __fu_call companies (__fu_word)
        case --separator
            __fu_call separators
        case --outcome
            __fu_call outcomes
        case --channel
            if test "$argv[2]" = draft
                printf '%s\n' email phone letter
            else
                __fu_call channels
            end
        case --prefers
            __fu_call prefers
            test "$argv[2]" = edit; and echo none
        case --source
            __fu_call sources
        case --action
            __fu_call actions
        case --via
            __fu_call config-values notify.via (commandline -ct)
    end
end

# __fu_word: the word being completed as fu reads it (quotes and
# backslashes undone, the option of --opt=value left out).
function __fu_word
    commandline -ct | string replace -r -- '^--[^=]*=' '' | string unescape
end

function __fu_candidates
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    # the command's own words: drop FU_DB=... and the like before fu
    while set -q tokens[1]; and string match -q -- '*=*' $tokens[1]
        set -e tokens[1]
    end
    set -e tokens[1]

    # the command, and the words after it that are not options or values
    set -l argopts (__fu_call arg-options)
    set -l cmd
    set -l sub
    set -l pos
    set -l dashdash
    set -l skip
    for w in $tokens
        if test -n "$skip"
            set skip
            continue
        end
        if test -z "$dashdash"; and string match -qr -- '^-[^0-9]' $w
            if test "$w" = --
                set dashdash 1
            else if not string match -q -- '*=*' $w; and contains -- $w $argopts
                set skip 1
            end
            continue
        end
        if test -z "$cmd"
            set cmd $w
            set argopts (__fu_call arg-options $cmd)
        else if contains -- "$cmd" add mail sync; and test -z "$sub"
            set sub $w
            set argopts (__fu_call arg-options $cmd $sub)
        else
            set -a pos $w
        end
    end

    # the value of an option
    if test -z "$dashdash"
        if string match -qr -- '^--[^=]+=' $cur
            set -l opt (string replace -r -- '=.*' '' $cur)
            if contains -- $opt $argopts
                for v in (__fu_value $opt $cmd)
                    echo $opt=$v
                end
            end
            return
        end
        if test -n "$skip"
            __fu_value $tokens[-1] $cmd
            return
        end
    end

    # an option
    if test -z "$dashdash"; and string match -q -- '-*' $cur
        if test -z "$cmd"
            __fu_call options
        else if contains -- "$cmd" add mail sync; and test -z "$sub"
            __fu_call options $cmd ''
        else
            __fu_call options $cmd $sub
        end
        return
    end

    # a word
    if test -z "$cmd"
        __fu_call commands
        return
    end
    set -l n (count $pos)
    switch $cmd
        case add
            test -z "$sub"; and __fu_call options add
        case mail
            switch "$sub"
                case ''
                    __fu_call options mail
                case scan
                    __fish_complete_path $cur
                case accept ignore
                    __fu_call proposals
            end
        case sync
            if test -z "$sub"
                __fu_call options sync
            else if test "$sub" = init; and test $n -eq 0
                __fish_complete_directories $cur
            end
        case log draft
            if test $n -eq 0
                __fu_call refs (__fu_word)
            else if test $n -eq 1
                if test $cmd = log
                    __fu_call kinds
                else
                    __fu_call actions
                end
            end
        case close
            test $n -eq 0; and __fu_call applications (__fu_word)
        case due show edit undo
            test $n -eq 0; and __fu_call refs (__fu_word)
        case list
            test $n -eq 0; and printf '%s\n' applications contacts
        case config
            if test $n -eq 0
                __fu_call config-keys
            else if test $n -eq 1
                __fu_call config-values $pos[1] (commandline -ct)
            end
        case rules
            test $n -eq 0; and __fu_call rules
        case backup import
            test $n -eq 0; and __fish_complete_path $cur
        case help
            test $n -eq 0; and __fu_call commands
    end
end

complete -c fu -e
complete -c fu -f -a '(__fu_candidates)'
